using Chaos.Scenarios;

namespace Chaos.GameDay;

/// <summary>
/// One step of a runbook: exactly one of a manual <see cref="Action"/>, a fault to inject, a fault to revert or a check; with
/// the observation the facilitator expects.
/// </summary>
public sealed record RunbookStep
{
    public required int Number { get; init; }
    public string? Title { get; init; }
    public string? Action { get; init; }
    public FaultSpec? Inject { get; init; }
    /// <summary>A fault id (<c>f1</c>), <c>last</c> or <c>all</c>.</summary>
    public string? Revert { get; init; }
    public RunbookCheck? Check { get; init; }
    /// <summary>What the facilitator should see (confirmed with Enter or y, refuted with n).</summary>
    public string? Expect { get; init; }
    public int Line { get; init; }
    public int Column { get; init; }

    /// <summary>What the step does, in one line.</summary>
    public string Describe() =>
        Action is not null ? $"action: {Action}"
        : Inject is not null ? $"inject {Inject.Kind} into {{ role: {Inject.Target.Role}, pick: {Inject.Target.Pick} }}"
        : Revert is not null ? $"revert {Revert}"
        : Check is not null ? $"check {Check.Describe()}"
        : "nothing";
}

/// <summary>A check of a runbook step: an SLO of the session so far, or an HTTP probe of the front door.</summary>
public sealed record RunbookCheck(string? Slo, string? ProbePath, int Expect)
{
    public string Describe() => Slo is not null ? $"SLO {Slo}" : $"probe GET {ProbePath} answers {Expect}";
}

using Chaos.Scenarios;

namespace Chaos.GameDay;

/// <summary>One command typed at the game day's prompt, parsed and validated.</summary>
public abstract record GameDayCommand
{
    /// <summary>The line as typed, for the journal.</summary>
    public string Text { get; init; } = "";

    /// <summary><c>inject &lt;kind&gt; [key=value ...]</c>: a catalogue fault, validated as a scenario's fault is.</summary>
    public sealed record Inject(FaultSpec Fault) : GameDayCommand;

    /// <summary><c>revert &lt;id&gt;|all</c>; <see cref="Id"/> is null for all.</summary>
    public sealed record Revert(string? Id) : GameDayCommand;

    /// <summary><c>note &lt;text&gt;</c>: a line for the human timeline.</summary>
    public sealed record Note(string Message) : GameDayCommand;

    /// <summary><c>hypothesis &lt;text&gt; held|broken</c>.</summary>
    public sealed record Hypothesis(string Statement, bool Held) : GameDayCommand;

    /// <summary><c>status</c>: the panel's numbers as lines.</summary>
    public sealed record Status : GameDayCommand;

    /// <summary><c>help</c>.</summary>
    public sealed record Help : GameDayCommand;

    /// <summary><c>quit</c>: revert every fault, remove the stack, write the reports.</summary>
    public sealed record Quit : GameDayCommand;

    /// <summary>An answer to the runbook's current step: confirmed (Enter, y) or not as expected (n).</summary>
    public sealed record Confirm(bool AsExpected) : GameDayCommand;
}

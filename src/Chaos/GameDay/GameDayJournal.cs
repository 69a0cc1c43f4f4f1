namespace Chaos.GameDay;

/// <summary>The journal event types a game day adds: what the people did and said.</summary>
public static class GameDayJournal
{
    public const string Started = "gameday.started";
    public const string Command = "gameday.command";
    public const string CommandRejected = "gameday.command-rejected";
    public const string Note = "gameday.note";
    public const string Hypothesis = "gameday.hypothesis";
    public const string Step = "gameday.step";
    public const string StepConfirmed = "gameday.step-confirmed";
    public const string Check = "gameday.check";
    public const string Ended = "gameday.ended";

    /// <summary>The types that make the human timeline of the report, with the faults.</summary>
    public static readonly IReadOnlySet<string> Human = new HashSet<string>(StringComparer.Ordinal)
    {
        Started, Command, CommandRejected, Note, Hypothesis, Step, StepConfirmed, Check, Ended,
    };
}

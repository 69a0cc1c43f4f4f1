namespace Chaos.GameDay;

/// <summary>Where a game day talks to its people: a live panel in a terminal, or plain lines in a pipe or a log.</summary>
public interface IGameDayTerminal
{
    /// <summary>How often the panel (or the plain status line) is refreshed.</summary>
    TimeSpan StatusEvery { get; }

    /// <summary>Hosts the session: a panel lives as long as <paramref name="session"/> runs.</summary>
    Task RunAsync(Func<Task> session);

    /// <summary>The next line typed; null at the end of input (EOF). Cancelled when the session ends.</summary>
    Task<string?> ReadLineAsync(CancellationToken cancellationToken);

    /// <summary>Shows the current numbers.</summary>
    void Show(LiveStatus status);

    /// <summary>A message: a command's answer, a journal event, an error.</summary>
    void Write(string line);

    /// <summary>What the prompt says (the runbook's current step, or the plain prompt).</summary>
    void SetPrompt(string prompt);
}

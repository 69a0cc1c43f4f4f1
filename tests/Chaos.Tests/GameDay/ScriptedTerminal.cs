using System.Threading.Channels;
using Chaos.GameDay;

namespace Chaos.Tests.GameDay;

/// <summary>A terminal at the edge of a unit test: lines typed in advance, everything written kept; null after the last line (EOF).</summary>
internal sealed class ScriptedTerminal : IGameDayTerminal
{
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>();
    private readonly List<string> _written = [];

    public ScriptedTerminal(params string[] lines)
    {
        foreach (var line in lines)
        {
            _lines.Writer.TryWrite(line);
        }
        _lines.Writer.TryWrite(null);
    }

    public TimeSpan StatusEvery => TimeSpan.FromSeconds(5);

    public IReadOnlyList<string> Written
    {
        get
        {
            lock (_written)
            {
                return _written.ToList();
            }
        }
    }

    public List<string> Prompts { get; } = [];

    public Task RunAsync(Func<Task> session) => session();

    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = await _lines.Reader.ReadAsync(cancellationToken);
        if (line is null)
        {
            _lines.Writer.TryWrite(null);
        }
        return line;
    }

    public void Show(LiveStatus status)
    {
    }

    public void Write(string line)
    {
        lock (_written)
        {
            _written.Add(line);
        }
    }

    public void SetPrompt(string prompt) => Prompts.Add(prompt);
}

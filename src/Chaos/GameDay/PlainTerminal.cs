using System.Threading.Channels;

namespace Chaos.GameDay;

/// <summary>
/// A game day without a terminal (a pipe, a log, <c>--plain</c>): commands read line by line, a status line every few seconds,
/// every message on its own line, no ANSI.
/// </summary>
public sealed class PlainTerminal : IGameDayTerminal
{
    private readonly TextWriter _output;
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>();
    private readonly Lock _gate = new();

    public PlainTerminal(TextReader input, TextWriter output, TimeSpan statusEvery)
    {
        _output = output;
        StatusEvery = statusEvery;
        // One thread blocks on the input; a blocked read cannot be cancelled, so it lives as long as the process (a daemon thread).
        var reader = new Thread(() =>
        {
            try
            {
                while (input.ReadLine() is { } line)
                {
                    _lines.Writer.TryWrite(line);
                }
            }
            catch (IOException)
            {
                // The input went away: as the end of input.
            }
            _lines.Writer.TryWrite(null);
        })
        { IsBackground = true, Name = "gameday-input" };
        reader.Start();
    }

    public TimeSpan StatusEvery { get; }

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

    public void Show(LiveStatus status) => Write(LiveStatusText.Line(status));

    public void Write(string line)
    {
        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    public void SetPrompt(string prompt) => Write(prompt.TrimEnd('>', ' ') is { Length: > 0 } text && text != "chaos" ? $"> {text}" : "> ready for commands (help lists them)");
}

namespace Chaos.Cli;

/// <summary>Progress lines written in order as they happen (System.Progress would post them to the thread pool, out of order).</summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    private readonly TextWriter _writer;
    private readonly Lock _gate = new();

    public ConsoleProgress(TextWriter writer) => _writer = writer;

    public void Report(string value)
    {
        lock (_gate)
        {
            _writer.WriteLine(value);
            _writer.Flush();
        }
    }
}

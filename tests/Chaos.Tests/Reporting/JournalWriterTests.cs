using System.Text.Json;
using Chaos.Reporting;

namespace Chaos.Tests.Reporting;

public sealed class JournalWriterTests
{
    [Fact]
    public async Task Append_ManyWritersAtOnce_EveryLineIsJson()
    {
        var directory = SampleReports.TempDirectory();
        await using (var journal = JournalWriter.InDirectory(directory))
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => i % 2 == 0
                ? journal.AppendAsync(SampleReports.Event(i, RunEvent.Types.FaultInjected, ("i", i), ("text", "a\nb \"q\"")), CancellationToken.None)
                : Task.Run(() => journal.Append(SampleReports.Event(i, RunEvent.Types.Error, ("i", i))))));
        }

        var lines = await File.ReadAllLinesAsync(Path.Combine(directory, JournalWriter.FileName), TestContext.Current.CancellationToken);

        lines.Length.ShouldBe(200);
        var indices = lines.Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            document.RootElement.GetProperty("type").GetString().ShouldNotBeNull();
            return document.RootElement.GetProperty("data").GetProperty("i").GetInt32();
        });
        indices.Order().ShouldBe(Enumerable.Range(0, 200));
    }

    [Fact]
    public async Task Append_BeforeDispose_IsAlreadyOnDisk()
    {
        var directory = SampleReports.TempDirectory();
        await using var journal = JournalWriter.InDirectory(directory);

        await journal.AppendAsync(SampleReports.Event(1.5, RunEvent.Types.RunStarted, ("seed", 7)), TestContext.Current.CancellationToken);

        using var reader = new StreamReader(new FileStream(journal.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var line = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(line.ShouldNotBeNull());
        document.RootElement.GetProperty("seconds").GetDouble().ShouldBe(1.5);
        document.RootElement.GetProperty("data").GetProperty("seed").GetInt32().ShouldBe(7);
    }
}

using Chaos.Reporting;
using Chaos.Slo;

namespace Chaos.Tests.Reporting;

public sealed class QualityWindowsTests
{
    [Fact]
    public void From_PredictionsPerSecond_OneEventPerWindowWithEnoughOfThem()
    {
        // 10 predictions a second for 70 s; from second 30 on, group-1 is always wrong.
        IReadOnlyList<LabelledPrediction> InIntervals(int from, int to) => Enumerable.Range(from, to - from).SelectMany(second =>
            Enumerable.Range(0, 10).Select(i => new LabelledPrediction(i % 2 == 0 ? 0.9 : 0.1, second >= 30 && i >= 5 ? i % 2 != 0 : i % 2 == 0, i >= 5 ? "group-1" : "group-0"))).ToList();

        var windows = QualityWindows.From(InIntervals, measuredSeconds: 70, windowSeconds: 30, minimumCount: 150);

        windows.Select(w => w.MidSecond).ShouldBe([15, 45]); // the last window (60-70 s) has 100 predictions, fewer than 150
        windows[0].Data["accuracy"].ShouldBe(1.0);
        windows[0].Data["gap"].ShouldBe(0.0);
        windows[1].Data["accuracy"].ShouldBe(0.5);
        windows[1].Data["gap"].ShouldBe(1.0);
        windows[1].Data["count"].ShouldBe(300);
    }

    [Fact]
    public void From_Events_DrawTheQualityPanel()
    {
        IReadOnlyList<LabelledPrediction> InIntervals(int from, int to) =>
            Enumerable.Range(0, (to - from) * 5).Select(i => new LabelledPrediction(i % 3 == 0 ? 0.8 : 0.2, i % 3 == 0, $"group-{i % 2}")).ToList();
        var events = QualityWindows.From(InIntervals, 40, 10, 10)
            .Select(w => SampleReports.Event(20 + w.MidSecond, DataModelEvents.QualityWindow, [.. w.Data.Select(d => (d.Key, d.Value))])).ToList();

        var html = HtmlReportWriter.Render(SampleReports.Failed() with { Events = events });

        HtmlReportWriterTests.Chart(html, "quality").ShouldContain("data-series=\"accuracy\"");
    }
}

using Chaos.Stack.Pipeline.Drift;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class DriftStatisticsTests
{
    private static readonly double[] Reference = Enumerable.Range(0, 1000).Select(i => i / 10.0).ToArray();

    [Fact]
    public void Compare_SameSample_GivesNoDrift()
    {
        var column = new ReferenceColumn("x", Reference);
        var statistics = column.Compare(Reference);
        statistics.Ks.ShouldBe(0);
        statistics.KsPValue.ShouldBe(1);
        statistics.Psi.ShouldBe(0, 1e-12);
        statistics.JensenShannon.ShouldBe(0, 1e-12);
        statistics.Wasserstein.ShouldBe(0);
    }

    [Fact]
    public void Compare_DisjointSample_GivesMaximalDrift()
    {
        var column = new ReferenceColumn("x", Reference);
        var statistics = column.Compare(Reference.Select(v => v + 1000).ToArray());
        statistics.Ks.ShouldBe(1);
        statistics.KsPValue.ShouldBeLessThan(1e-6);
        // Bins come from the reference, so the whole sample lands in its open top bin (10 % of the reference):
        // JS is then about 0.72 bits, not the 1 bit of disjoint supports.
        statistics.JensenShannon.ShouldBe(0.7245, 0.001);
        statistics.Psi.ShouldBeGreaterThan(3);
    }

    [Fact]
    public void NormalisedWasserstein_ShiftedCopy_IsTheShiftInStandardDeviations()
    {
        var column = new ReferenceColumn("x", Reference);
        var shift = column.StandardDeviation / 2;
        column.Compare(Reference.Select(v => v + shift).ToArray()).Wasserstein.ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public void KolmogorovSmirnov_KnownCase_MatchesTheAsymptoticFormula()
    {
        // D = 0.5 with n = m = 100: lambda = (sqrt(50) + 0.12 + 0.11 / sqrt(50)) * 0.5 = 3.6033; Q(lambda) = 2 exp(-2 lambda^2) to 1e-12.
        double[] a = Enumerable.Range(0, 100).Select(i => (double)i).ToArray();
        double[] b = Enumerable.Range(50, 100).Select(i => (double)i).ToArray();
        var (d, p) = DriftStatistics.KolmogorovSmirnov(a, b);
        d.ShouldBe(0.5);
        var lambda = (Math.Sqrt(50) + 0.12 + (0.11 / Math.Sqrt(50))) * 0.5;
        p.ShouldBe(2 * Math.Exp(-2 * lambda * lambda), 1e-15);
    }

    [Fact]
    public void ReferenceBins_DiscreteFeature_MergesDuplicateCuts()
    {
        var binary = Enumerable.Range(0, 100).Select(i => i < 60 ? 0.0 : 1.0).ToArray();
        DriftStatistics.ReferenceBins(binary).ShouldBe([0.0, 1.0]);
        // Three bins (<= 0, (0, 1], > 1), each with +1 smoothing: (60 + 1) / 103, (40 + 1) / 103, 1 / 103.
        DriftStatistics.BinShares(binary, [0.0, 1.0]).ShouldBe([61 / 103.0, 41 / 103.0, 1 / 103.0], 1e-12);
    }
}

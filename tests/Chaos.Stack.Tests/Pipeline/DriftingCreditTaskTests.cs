using Chaos.Stack.Ml;

namespace Chaos.Stack.Tests.Pipeline;

public sealed class DriftingCreditTaskTests
{
    private const int Rows = 20_000;

    [Fact]
    public void Generate_NoDrift_EqualsTheBaseTask()
    {
        var drifting = DriftingCreditTask.Generate(500, 11, CreditDrift.None);
        var baseRows = CreditTask.Generate(500, 11);
        drifting.Select(r => r.Features).ShouldBe(baseRows.Select(r => r.Features));
        drifting.Select(r => r.Label).ShouldBe(baseRows.Select(r => r.Label));
    }

    [Fact]
    public void Generate_SameSeedAndKnobs_IsDeterministic()
    {
        var drift = new CreditDrift(CovariateShift: 1, ConceptDrift: 0.5, LabelShiftOdds: 2, SeasonalAmplitude: 0.2, Onset: 100, RampRows: 300);
        var first = DriftingCreditTask.Generate(1000, 5, drift);
        var second = DriftingCreditTask.Generate(1000, 5, drift);
        first.Select(r => r.Features).ShouldBe(second.Select(r => r.Features));
        first.Select(r => r.Label).ShouldBe(second.Select(r => r.Label));
    }

    [Fact]
    public void Generate_CovariateShift_MovesDebtRatioByTheShiftInSigmas()
    {
        var baseMean = DriftingCreditTask.Generate(Rows, 3, CreditDrift.None).Average(r => (double)r.Features[1]);
        var shiftedMean = DriftingCreditTask.Generate(Rows, 3, new CreditDrift(CovariateShift: 1)).Average(r => (double)r.Features[1]);
        // One sigma of debt_ratio is 0.15; clamping at 0 and 1.5 trims a little of it.
        (shiftedMean - baseMean).ShouldBeInRange(0.13, 0.151);
    }

    [Fact]
    public void Generate_ConceptDrift_KeepsFeaturesAndChangesLabels()
    {
        var baseRows = DriftingCreditTask.Generate(Rows, 4, CreditDrift.None);
        var drifted = DriftingCreditTask.Generate(Rows, 4, new CreditDrift(ConceptDrift: 1));
        drifted.Select(r => r.Features).ShouldBe(baseRows.Select(r => r.Features));
        var changed = drifted.Zip(baseRows).Count(p => Math.Abs(p.First.TrueProbability - p.Second.TrueProbability) > 0.01);
        changed.ShouldBeGreaterThan(Rows / 2);
    }

    [Fact]
    public void Generate_LabelShift_ScalesTheOddsOfDefault()
    {
        static double Odds(IReadOnlyList<CreditExample> rows)
        {
            var rate = rows.Average(r => r.Label ? 1.0 : 0.0);
            return rate / (1 - rate);
        }

        var baseOdds = Odds(DriftingCreditTask.Generate(Rows, 6, CreditDrift.None));
        var shiftedOdds = Odds(DriftingCreditTask.Generate(Rows, 6, new CreditDrift(LabelShiftOdds: 2)));
        (shiftedOdds / baseOdds).ShouldBeInRange(1.8, 2.2);
    }

    [Fact]
    public void Generate_Seasonality_RaisesIncomeAtThePeakAndLowersItAtTheTrough()
    {
        var drift = new CreditDrift(SeasonalAmplitude: 0.3, SeasonPeriodRows: 4000);
        var rows = DriftingCreditTask.Generate(4000, 8, drift);
        var peak = rows.Skip(800).Take(400).Average(r => (double)r.Features[0]);
        var trough = rows.Skip(2800).Take(400).Average(r => (double)r.Features[0]);
        (peak / trough).ShouldBeGreaterThan(1.5);
    }

    [Fact]
    public void Strength_SuddenAndGradual_FollowTheSchedule()
    {
        var sudden = new CreditDrift(CovariateShift: 1, Onset: 100);
        var gradual = new CreditDrift(CovariateShift: 1, Onset: 100, RampRows: 200);
        sudden.Strength(99).ShouldBe(0);
        sudden.Strength(100).ShouldBe(1);
        gradual.Strength(99).ShouldBe(0);
        gradual.Strength(199).ShouldBe(0.5);
        gradual.Strength(400).ShouldBe(1);
    }

    [Fact]
    public void Generate_FirstIndex_ContinuesTheStreamSchedule()
    {
        var drift = new CreditDrift(CovariateShift: 2, Onset: 1000);
        var before = DriftingCreditTask.Generate(2000, 9, drift, firstIndex: 0).Take(1000).Average(r => (double)r.Features[1]);
        var after = DriftingCreditTask.Generate(1000, 9, drift, firstIndex: 1000).Average(r => (double)r.Features[1]);
        (after - before).ShouldBeGreaterThan(0.2);
    }

    [Fact]
    public void Generate_GroupShare_SetsTheSensitiveAttributeShare()
    {
        var share = DriftingCreditTask.Generate(Rows, 10, new CreditDrift(GroupShare: 0.7)).Average(r => (double)r.Features[7]);
        share.ShouldBeInRange(0.68, 0.72);
        DriftingCreditTask.Generate(Rows, 10, CreditDrift.None).Average(r => (double)r.Features[7]).ShouldBeInRange(0.38, 0.42);
    }
}

using Chaos.Stack.Inference;
using Chaos.Stack.Ml;
using Chaos.Stack.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace Chaos.Stack.Tests.Inference;

public sealed class ModelSlotTests(TrainedModelsFixture models)
{
    [Fact]
    public void Swap_WhileRequestsHoldLeases_OldSessionServesThemAndIsDisposedAfterTheLast()
    {
        using var slot = ModelSlot.Ready(Load(ModelKind.Credit));
        var first = slot.Acquire()!;
        var second = slot.Acquire()!;

        slot.Swap(Load(ModelKind.CreditSimple));

        slot.Model!.Entry.Name.ShouldBe(ModelKind.CreditSimple);
        first.Model.Entry.Name.ShouldBe(ModelKind.Credit);
        first.Model.Score(InferRequests.Rows(4, seed: 1), 4).Length.ShouldBe(4);
        first.Dispose();
        second.IsModelDisposed.ShouldBeFalse();
        second.Model.Score(InferRequests.Rows(4, seed: 2), 4).Length.ShouldBe(4);
        second.Dispose();
        second.IsModelDisposed.ShouldBeTrue();
    }

    [Fact]
    public void Acquire_AfterSwap_LeasesTheNewModel()
    {
        using var slot = ModelSlot.NotReady("not loaded yet");
        slot.Acquire().ShouldBeNull();

        slot.Swap(Load(ModelKind.CreditSimple));

        using var lease = slot.Acquire();
        lease.ShouldNotBeNull().Model.Entry.Name.ShouldBe(ModelKind.CreditSimple);
        slot.Failure.ShouldBeNull();
    }

    private ScoringModel Load(string model)
    {
        var entry = models.Entry(model);
        var session = new InferenceSession(File.ReadAllBytes(Path.Combine(models.ModelDirectory, entry.File)));
        return new ScoringModel(entry, session, "cpu");
    }
}

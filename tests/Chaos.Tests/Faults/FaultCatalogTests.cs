using Chaos.Faults;
using Chaos.Scenarios;

namespace Chaos.Tests.Faults;

public sealed class FaultCatalogTests
{
    [Fact]
    public void Kinds_EachCreatesItselfWithADescription()
    {
        foreach (var kind in FaultCatalog.Kinds)
        {
            var fault = FaultCatalog.Create(kind);
            fault.Kind.ShouldBe(kind);
            fault.Description.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void Options_NameOnlyKnownKindsAndKeys()
    {
        foreach (var (kind, options) in KnownFaultKinds.Options)
        {
            FaultCatalog.Kinds.ShouldContain(kind);
            options.Required.Concat(options.Optional).ShouldBeSubsetOf(KnownFaultKinds.OptionKeys);
            options.Required.Concat(options.Optional).ShouldBeSubsetOf(ScenarioKeys.Fault);
        }
    }

    [Fact]
    public void Create_UnknownKind_IsAnError() =>
        Should.Throw<FaultTargetException>(() => FaultCatalog.Create("network.nope")).Message.ShouldContain("unknown fault kind");
}

namespace Chaos.IntegrationTests;

/// <summary>The fault tests share one stack with fault proxies (a stack costs more than all their faults together).</summary>
[CollectionDefinition(Name)]
public sealed class FaultStackCollection : ICollectionFixture<FaultProxyStackFixture>
{
    public const string Name = "fault stack";
}

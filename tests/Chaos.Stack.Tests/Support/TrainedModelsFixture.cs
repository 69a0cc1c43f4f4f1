using Chaos.Stack.Contracts;
using Chaos.Stack.Ml;
using Microsoft.Extensions.Logging.Abstractions;

[assembly: AssemblyFixture(typeof(Chaos.Stack.Tests.Support.TrainedModelsFixture))]

namespace Chaos.Stack.Tests.Support;

/// <summary>Trains the real models once for the whole test assembly into a temp folder.</summary>
public sealed class TrainedModelsFixture : IAsyncLifetime
{
    public TempDirectory Directory { get; } = new();

    public ModelManifest Manifest { get; private set; } = null!;

    public string ModelDirectory => Directory.Path;

    public ModelManifestEntry Entry(string name) => Manifest.Models.Single(m => m.Name == name);

    public async ValueTask InitializeAsync()
    {
        var trainer = new CreditTrainer(NullLogger<CreditTrainer>.Instance, TimeProvider.System);
        Manifest = await trainer.TrainAsync(new TrainOptions(Directory.Path), CancellationToken.None);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

using Chaos.Targets;

namespace Chaos.IntegrationTests;

/// <summary>Preconditions of a container test: an engine that answers and a built stack image.</summary>
internal static class ContainerPreconditions
{
    /// <summary>Fails (never skips silently) when the engine or image is missing; skips only when asked to, saying why.</summary>
    public static async Task<string> RequireAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("CHAOS_SKIP_CONTAINER_TESTS") == "1")
        {
            Assert.Skip("CHAOS_SKIP_CONTAINER_TESTS=1: container tests were switched off for this run");
        }
        using var engine = new DockerEngine();
        await engine.EnsureReachableAsync(cancellationToken);
        var image = StackImage.Resolve(Environment.GetEnvironmentVariable(StackImage.EnvironmentVariable), [Repository.Root]);
        image.ShouldNotBeNull("no stack image: run scripts/bootstrap.sh (test.sh does it)");
        (await engine.ImageExistsAsync(image, cancellationToken)).ShouldBeTrue($"stack image {image} is not built: run scripts/bootstrap.sh");
        return image;
    }
}

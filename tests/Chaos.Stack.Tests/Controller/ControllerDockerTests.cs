using System.Text.Json;
using System.Text.Json.Nodes;
using Chaos.Stack.Controller;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chaos.Stack.Tests.Controller;

/// <summary>The controller against the real engine: a killed replica comes back under its alias; nothing outside the run is touched.</summary>
[Trait("Category", "Containers")]
public sealed class ControllerDockerTests
{
    private const string Socket = "/var/run/docker.sock";
    private readonly string runId = $"ctltest-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Reconcile_ReplicaKilled_ReplacesItWithSameAliasAndLabelsAndLeavesOthersAlone()
    {
        Assert.SkipUnless(File.Exists(Socket), "no Docker engine socket on this machine");
        var image = StackImage();
        Assert.SkipUnless(image is not null, "the stack image is not built (.chaos/stack-image missing)");
        var cancellationToken = TestContext.Current.CancellationToken;
        using var docker = new DockerEngineClient(Socket);
        using var http = new HttpClient();
        var network = $"chaos-{runId}";
        string? networkId = null;
        string? bystander = null;
        try
        {
            networkId = await docker.CreateNetworkAsync(network, Labels(runId, role: null), cancellationToken);
            var first = await StartReplicaAsync(docker, image!, network, "inference-1", Labels(runId, "inference"), cancellationToken);
            var second = await StartReplicaAsync(docker, image!, network, "inference-2", Labels(runId, "inference"), cancellationToken);
            var outsider = Labels(runId, "inference");
            outsider.Remove("chaos.run");
            // Created but never started: were it in scope, the controller would "replace" it.
            bystander = await docker.CreateContainerAsync($"chaos-{runId}-bystander", Body(image!, network, "inference-9", outsider), cancellationToken);

            var options = new ControllerOptions { RunId = runId, Reach = ReachMode.Published, Autoscaling = false, ReadyTimeout = TimeSpan.FromSeconds(60) };
            var probe = new ReplicaProbe(http, options.ProbeTimeout, TimeProvider.System);
            var events = new ControllerEvents(TimeProvider.System);
            var metrics = new ControllerMetrics();
            var loop = new ControllerLoop(options, docker, probe, new ReplicaPolicy(options, TimeProvider.System), events, metrics,
                TimeProvider.System, NullLogger<ControllerLoop>.Instance);
            var scope = new RunScope(runId, "inference");
            (await probe.WaitReadyAsync(t => PublishedUrlAsync(docker, scope, first, t), options.ReadyTimeout, cancellationToken)).ShouldBeTrue();
            (await probe.WaitReadyAsync(t => PublishedUrlAsync(docker, scope, second, t), options.ReadyTimeout, cancellationToken)).ShouldBeTrue();
            (await loop.ReconcileAsync(cancellationToken)).ShouldBeEmpty();
            var before = (await docker.InspectContainerAsync(second, cancellationToken))!;

            await docker.KillContainerAsync(second, cancellationToken);
            var actions = await loop.ReconcileAsync(cancellationToken);

            actions.ShouldContain(new ControllerAction(ActionKind.Replace, "inference-2", second, "container not running"));
            var ids = await docker.ListContainerIdsAsync(scope.Filter, cancellationToken);
            ids.Count.ShouldBe(2);
            ids.ShouldContain(first);
            ids.ShouldNotContain(second);
            var replacement = (await docker.InspectContainerAsync(ids.Single(id => id != first), cancellationToken))!;
            ReplicaBlueprint.Describe(replacement, scope)!.ShouldSatisfyAllConditions(
                r => r.Alias.ShouldBe("inference-2"),
                r => r.Running.ShouldBeTrue(),
                r => r.Name.ShouldBe($"chaos-{runId}-inference-2"));
            Json(replacement["Config"]!["Labels"]).ShouldBe(Json(before["Config"]!["Labels"]));
            Json(replacement["Config"]!["Cmd"]).ShouldBe(Json(before["Config"]!["Cmd"]));
            Json(replacement["HostConfig"]!["Dns"]).ShouldBe("""["127.0.0.1"]""");
            Json(replacement["NetworkSettings"]!["Networks"]![network]!["Aliases"]).ShouldContain("\"inference-2\"");
            events.Snapshot().Select(e => e.Action).ShouldBe(["replica-unready", "replica-replaced", "replica-ready"]);
            metrics.Replacements.ShouldBe(1);
            loop.ReplicaUrls.ShouldBe([new Uri("http://inference-1:8080/")]);
            (await loop.ReconcileAsync(cancellationToken)).ShouldBeEmpty();
            loop.ReplicaUrls.ShouldBe([new Uri("http://inference-1:8080/"), new Uri("http://inference-2:8080/")]);
            var untouched = (await docker.InspectContainerAsync(bystander, cancellationToken)).ShouldNotBeNull();
            untouched["State"]!["Status"]!.GetValue<string>().ShouldBe("created");
        }
        finally
        {
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            foreach (var id in await docker.ListContainerIdsAsync(new Dictionary<string, string> { ["chaos.run"] = runId }, cleanup.Token))
            {
                await docker.RemoveContainerAsync(id, cleanup.Token);
            }

            if (bystander is not null)
            {
                await docker.RemoveContainerAsync(bystander, cleanup.Token);
            }

            if (networkId is not null)
            {
                await docker.RemoveNetworkAsync(networkId, cleanup.Token);
            }
        }
    }

    private static async Task<string> StartReplicaAsync(DockerEngineClient docker, string image, string network, string alias, Dictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var name = $"{network}-{alias}";
        var id = await docker.CreateContainerAsync(name, Body(image, network, alias, labels), cancellationToken);
        await docker.StartContainerAsync(id, cancellationToken);
        return id;
    }

    // The same shape DockerStack gives replicas: labels, alias, loopback-only published port, loopback DNS.
    private static JsonObject Body(string image, string network, string alias, Dictionary<string, string> labels) => new()
    {
        ["Image"] = image,
        ["Cmd"] = new JsonArray("inference", "--model-dir", "/models", "--model", "credit", "--port", "8080", "--name", alias),
        ["Env"] = new JsonArray("CHAOS_DISABLE_CUDA=1"),
        ["Labels"] = JsonSerializer.SerializeToNode(labels),
        ["ExposedPorts"] = new JsonObject { ["8080/tcp"] = new JsonObject() },
        ["HostConfig"] = new JsonObject
        {
            ["NetworkMode"] = network,
            ["Dns"] = new JsonArray("127.0.0.1"),
            ["DnsOptions"] = new JsonArray("timeout:1", "attempts:1"),
            ["PortBindings"] = new JsonObject { ["8080/tcp"] = new JsonArray(new JsonObject { ["HostIp"] = "127.0.0.1", ["HostPort"] = string.Empty }) },
        },
        ["NetworkingConfig"] = new JsonObject { ["EndpointsConfig"] = new JsonObject { [network] = new JsonObject { ["Aliases"] = new JsonArray(alias) } } },
    };

    private static Dictionary<string, string> Labels(string runId, string? role)
    {
        var labels = new Dictionary<string, string> { ["chaos.project"] = "chaos", ["chaos.run"] = runId, ["chaos.owner"] = $"{Environment.ProcessId}:?" /* the harness reaper keeps runs whose owner pid lives */ };
        if (role is not null)
        {
            labels["chaos.role"] = role;
        }

        return labels;
    }

    private static async Task<Uri?> PublishedUrlAsync(DockerEngineClient docker, RunScope scope, string id, CancellationToken cancellationToken) =>
        await docker.InspectContainerAsync(id, cancellationToken) is { } inspected ? ReplicaBlueprint.Describe(inspected, scope)?.ProbeUrl(ReachMode.Published) : null;

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static string? StackImage()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var file = Path.Combine(directory.FullName, ".chaos", "stack-image");
            if (File.Exists(file))
            {
                return File.ReadAllText(file).Trim();
            }
        }

        return null;
    }
}

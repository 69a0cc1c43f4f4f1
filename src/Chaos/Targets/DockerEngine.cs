using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace Chaos.Targets;

/// <summary>
/// The Docker API, limited to what the harness does with labelled resources: find, kill, inspect, remove.
/// Every query filters on <see cref="ChaosLabels.Project"/> so nothing outside the project is ever touched.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private static readonly Uri DefaultSocket = new("unix:///var/run/docker.sock");
    private readonly DockerClient _client;

    // Testcontainers finds the engine when one answers; when none does its endpoint is null, and the client then points at
    // the default socket, so that EnsureReachableAsync says clearly that no engine answers (not a NullReferenceException here).
    public DockerEngine()
    {
        var endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig ?? new DockerEndpointAuthenticationConfiguration(DefaultSocket);
        Endpoint = endpoint.Endpoint;
        _client = endpoint.GetDockerClientBuilder(Guid.NewGuid()).Build();
    }

    public Uri Endpoint { get; }

    /// <summary>Throws <see cref="EngineUnavailableException"/> when no engine answers within a few seconds.</summary>
    public async Task EnsureReachableAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await _client.System.PingAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new EngineUnavailableException(
                $"no container engine answers at {Endpoint} ({exception.Message}); run scripts/engine.sh start (as root) or ./chaos, which bootstraps it", exception);
        }
    }

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        var images = await _client.Images.ListImagesAsync(new ImagesListParameters { All = true }, cancellationToken);
        return images.Any(i => i.RepoTags?.Contains(image) == true);
    }

    /// <summary>Containers of the project, optionally of one run (running or not).</summary>
    public async Task<IList<ContainerListResponse>> ListContainersAsync(string? runId, CancellationToken cancellationToken) =>
        await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = LabelFilter(runId) }, cancellationToken);

    public async Task<IList<NetworkResponse>> ListNetworksAsync(string? runId, CancellationToken cancellationToken) =>
        await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(runId) }, cancellationToken);

    public Task KillAsync(string containerId, CancellationToken cancellationToken) =>
        _client.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = "KILL" }, cancellationToken);

    public Task StopAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken) =>
        _client.Containers.StopContainerAsync(containerId, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds }, cancellationToken);

    public Task PauseAsync(string containerId, CancellationToken cancellationToken) =>
        _client.Containers.PauseContainerAsync(containerId, cancellationToken);

    public Task UnpauseAsync(string containerId, CancellationToken cancellationToken) =>
        _client.Containers.UnpauseContainerAsync(containerId, cancellationToken);

    public Task RestartAsync(string containerId, TimeSpan grace, CancellationToken cancellationToken) =>
        _client.Containers.RestartContainerAsync(containerId, new ContainerRestartParameters { WaitBeforeKillSeconds = (uint)grace.TotalSeconds }, cancellationToken);

    /// <summary>The container's state, or null when the engine no longer has it (removed, e.g. replaced by the controller).</summary>
    public async Task<State?> StateAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.Containers.InspectContainerAsync(containerId, cancellationToken)).State;
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Overwrites one file inside a container of the project with <paramref name="content"/> (through the engine's archive API,
    /// so it works in a FROM scratch image with no shell): bit rot at rest, e.g. a registry artifact altered on disk.
    /// </summary>
    public async Task WriteFileAsync(string containerId, string path, byte[] content, CancellationToken cancellationToken)
    {
        var inspected = await _client.Containers.InspectContainerAsync(containerId, cancellationToken);
        if (inspected.Config?.Labels is not { } labels || !labels.TryGetValue(ChaosLabels.Project, out var project) || project != ChaosLabels.ProjectValue)
        {
            throw new InvalidOperationException($"container {containerId} is not one of the project's; refusing to write into it");
        }

        using var archive = new MemoryStream();
        await using (var writer = new System.Formats.Tar.TarWriter(archive, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, Path.GetFileName(path))
            {
                DataStream = new MemoryStream(content),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            await writer.WriteEntryAsync(entry, cancellationToken);
        }
        archive.Position = 0;
        await _client.Containers.ExtractArchiveToContainerAsync(containerId,
            new CopyToContainerParameters { Path = Path.GetDirectoryName(path)! }, archive, cancellationToken);
    }

    public Task DisconnectAsync(string network, string containerId, CancellationToken cancellationToken) =>
        _client.Networks.DisconnectNetworkAsync(network, new NetworkDisconnectParameters { Container = containerId, Force = true }, cancellationToken);

    public Task ConnectAsync(string network, string containerId, string alias, CancellationToken cancellationToken) =>
        _client.Networks.ConnectNetworkAsync(network, new NetworkConnectParameters
        {
            Container = containerId,
            EndpointConfig = new EndpointSettings { Aliases = [alias] },
        }, cancellationToken);

    /// <summary>Networks the container is attached to (by name), or null when the engine no longer has it.</summary>
    public async Task<IReadOnlyCollection<string>?> NetworksOfAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await _client.Containers.InspectContainerAsync(containerId, cancellationToken);
            return inspect.NetworkSettings?.Networks?.Keys.ToList() ?? [];
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The host port published on 127.0.0.1 for a container port, or null when it has none (or the container is gone).</summary>
    public async Task<int?> PublishedPortAsync(string containerId, int containerPort, CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await _client.Containers.InspectContainerAsync(containerId, cancellationToken);
            IList<Docker.DotNet.Models.PortBinding>? bindings = null;
            inspect.NetworkSettings?.Ports?.TryGetValue($"{containerPort}/tcp", out bindings);
            return bindings?.Select(b => int.TryParse(b.HostPort, out var port) ? port : (int?)null).FirstOrDefault(p => p is not null);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Starts a detached process inside a running container; returns its host pid (0 when the engine does not tell).</summary>
    public async Task<long> ExecDetachedAsync(string containerId, IList<string> command, CancellationToken cancellationToken)
    {
        var created = await _client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters { Cmd = command, AttachStdout = true, AttachStderr = true }, cancellationToken);
        // Started attached (the client's detached start expects a stream it does not get); the process writes nothing and
        // goes on running when the attachment closes.
        using (await _client.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters { Detach = false }, cancellationToken))
        {
        }
        // The engine fills the pid in once the process runs: ask a few times.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var inspect = await _client.Exec.InspectContainerExecAsync(created.ID, cancellationToken);
            if (inspect.Pid > 0 || (!inspect.Running && attempt > 0))
            {
                return inspect.Pid;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        return 0;
    }

    /// <summary>One sample of the container's resource use: total CPU time (ns) and memory in use (bytes); null when it is gone.</summary>
    public async Task<(ulong CpuNanoseconds, ulong MemoryBytes)?> UsageAsync(string containerId, CancellationToken cancellationToken)
    {
        ContainerStatsResponse? sample = null;
        try
        {
            await _client.Containers.GetContainerStatsAsync(containerId, new ContainerStatsParameters { Stream = false, OneShot = true },
                new SynchronousProgress<ContainerStatsResponse>(s => sample = s), cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        return sample is null ? null : (sample.CPUStats?.CPUUsage?.TotalUsage ?? 0, sample.MemoryStats?.Usage ?? 0);
    }

    public Task StartAsync(string containerId, CancellationToken cancellationToken) =>
        _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken);

    public async Task<bool> IsRunningAsync(string containerId, CancellationToken cancellationToken)
    {
        var inspect = await _client.Containers.InspectContainerAsync(containerId, cancellationToken);
        return inspect.State?.Running == true;
    }

    /// <summary>Force-removes every container and network of the run; returns what could not be removed.</summary>
    public async Task<IReadOnlyList<string>> RemoveRunAsync(string runId, CancellationToken cancellationToken)
    {
        var leftovers = new List<string>();
        foreach (var container in await ListContainersAsync(runId, cancellationToken))
        {
            try
            {
                await _client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
            }
        }
        foreach (var network in await ListNetworksAsync(runId, cancellationToken))
        {
            try
            {
                await _client.Networks.DeleteNetworkAsync(network.ID, cancellationToken);
            }
            catch (DockerNetworkNotFoundException)
            {
            }
        }
        leftovers.AddRange((await ListContainersAsync(runId, cancellationToken)).Select(c => $"container {c.Names.FirstOrDefault() ?? c.ID}"));
        leftovers.AddRange((await ListNetworksAsync(runId, cancellationToken)).Select(n => $"network {n.Name}"));
        return leftovers;
    }

    /// <summary>Removes the resources of earlier runs whose owning process is gone; returns their run ids.</summary>
    public async Task<IReadOnlyList<string>> ReapStaleRunsAsync(CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var container in await ListContainersAsync(null, cancellationToken))
        {
            Collect(container.Labels);
        }
        foreach (var network in await ListNetworksAsync(null, cancellationToken))
        {
            Collect(network.Labels);
        }
        var stale = owners.Where(o => o.Value != ChaosLabels.DetachedOwner && !OwnerProcess.IsAlive(o.Value)).Select(o => o.Key).ToList();
        foreach (var runId in stale)
        {
            await RemoveRunAsync(runId, cancellationToken);
        }
        return stale;

        void Collect(IDictionary<string, string>? labels)
        {
            if (labels is not null && labels.TryGetValue(ChaosLabels.Run, out var run))
            {
                owners[run] = labels.TryGetValue(ChaosLabels.Owner, out var owner) ? owner : "";
            }
        }
    }

    /// <summary>
    /// Streams the engine's container events of one run (die, kill, oom, start, stop, pause...) until cancelled.
    /// The callback gets (action, container name, role).
    /// </summary>
    public async Task WatchEventsAsync(string runId, Action<string, string, string> onEvent, CancellationToken cancellationToken)
    {
        var filters = LabelFilter(runId);
        filters["type"] = new Dictionary<string, bool> { ["container"] = true };
        var progress = new SynchronousProgress<Message>(message =>
        {
            var attributes = message.Actor?.Attributes;
            var name = attributes is not null && attributes.TryGetValue("name", out var n) ? n : message.Actor?.ID ?? "?";
            var role = attributes is not null && attributes.TryGetValue(ChaosLabels.Role, out var r) ? r : "";
            // exec_* events are the harness's own probes (none today); the rest is what happened to the containers.
            if (!message.Action.StartsWith("exec_", StringComparison.Ordinal))
            {
                onEvent(message.Action, name, role);
            }
        });
        try
        {
            await _client.System.MonitorEventsAsync(new ContainerEventsParameters { Filters = filters }, progress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Run ids of the stacks started by <c>chaos stack up</c> that are still there.</summary>
    public async Task<IReadOnlyList<string>> DetachedRunsAsync(CancellationToken cancellationToken) =>
        (await ListContainersAsync(null, cancellationToken))
            .Where(c => c.Labels is not null && c.Labels.TryGetValue(ChaosLabels.Owner, out var owner) && owner == ChaosLabels.DetachedOwner)
            .Select(c => c.Labels[ChaosLabels.Run])
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public void Dispose() => _client.Dispose();

    private sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => handler(value);
    }

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(string? runId)
    {
        var labels = new Dictionary<string, bool> { [$"{ChaosLabels.Project}={ChaosLabels.ProjectValue}"] = true };
        if (runId is not null)
        {
            labels[$"{ChaosLabels.Run}={runId}"] = true;
        }
        return new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels };
    }
}

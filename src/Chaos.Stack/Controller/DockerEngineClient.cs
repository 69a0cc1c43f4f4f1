using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chaos.Stack.Controller;

/// <summary>
/// The few Docker Engine API calls the controller needs, over the unix socket with plain HTTP. Bodies stay
/// <see cref="JsonNode"/>s so an inspected container's config is copied into a create call field for field,
/// including fields a typed client model would drop.
/// </summary>
public sealed class DockerEngineClient : IDisposable
{
    /// <summary>The API version pinned on every call (Docker 26, as the bootstrap installs).</summary>
    public const string ApiVersion = "v1.45";

    private readonly HttpClient http;

    /// <summary>A client for the engine listening on <paramref name="socketPath"/>.</summary>
    public DockerEngineClient(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        http = new HttpClient(handler) { BaseAddress = new Uri($"http://docker/{ApiVersion}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Containers (running or not) carrying every one of <paramref name="labels"/>, filtered by the engine.</summary>
    public async Task<IReadOnlyList<string>> ListContainerIdsAsync(IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var filters = JsonSerializer.Serialize(new Dictionary<string, string[]>
        {
            ["label"] = labels.Select(l => $"{l.Key}={l.Value}").ToArray(),
        });
        var list = await SendAsync(HttpMethod.Get, $"containers/json?all=true&filters={Uri.EscapeDataString(filters)}", null, cancellationToken);
        return list!.AsArray().Select(c => c!["Id"]!.GetValue<string>()).ToList();
    }

    /// <summary>The full inspect document of a container; null when it no longer exists.</summary>
    public async Task<JsonObject?> InspectContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await SendAsync(HttpMethod.Get, $"containers/{Uri.EscapeDataString(id)}/json", null, cancellationToken))!.AsObject();
        }
        catch (DockerEngineException exception) when (exception.Data["status"] is HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates a container from a create body; returns its id.</summary>
    public async Task<string> CreateContainerAsync(string? name, JsonObject body, CancellationToken cancellationToken)
    {
        var query = name is null ? string.Empty : $"?name={Uri.EscapeDataString(name)}";
        var created = await SendAsync(HttpMethod.Post, $"containers/create{query}", body, cancellationToken);
        return created!["Id"]!.GetValue<string>();
    }

    public Task StartContainerAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"containers/{Uri.EscapeDataString(id)}/start", null, cancellationToken);

    public Task KillContainerAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"containers/{Uri.EscapeDataString(id)}/kill", null, cancellationToken);

    /// <summary>Removes a container, running or not, with its anonymous volumes; a container already gone is not an error.</summary>
    public async Task RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, $"containers/{Uri.EscapeDataString(id)}?force=true&v=true", null, cancellationToken);
        }
        catch (DockerEngineException exception) when (exception.Data["status"] is HttpStatusCode.NotFound)
        {
        }
    }

    /// <summary>Creates a bridge network with labels; returns its id.</summary>
    public async Task<string> CreateNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["Name"] = name, ["Labels"] = JsonSerializer.SerializeToNode(labels) };
        var created = await SendAsync(HttpMethod.Post, "networks/create", body, cancellationToken);
        return created!["Id"]!.GetValue<string>();
    }

    public Task RemoveNetworkAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"networks/{Uri.EscapeDataString(id)}", null, cancellationToken);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var message = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)?["message"]?.GetValue<string>() ?? text : text;
            var exception = new DockerEngineException(
                $"Docker engine refused {method} /{ApiVersion}/{path.Split('?')[0]}: {(int)response.StatusCode} {message.Trim()}");
            exception.Data["status"] = response.StatusCode;
            throw exception;
        }

        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public void Dispose() => http.Dispose();
}

using System.Text.Json.Nodes;
using Chaos.Stack.Controller;

namespace Chaos.Stack.Tests.Controller;

public sealed class ReplicaBlueprintTests
{
    private readonly RunScope scope = new("run-7", "inference");

    private static JsonObject Inspected(string run = "run-7") => JsonNode.Parse($$"""
        {
          "Id": "0123456789abcdef0123",
          "Name": "/chaos-run-7-inference-2",
          "State": { "Running": false },
          "Config": {
            "Image": "chaos-stack:abc",
            "Entrypoint": ["/app/chaos-stack"],
            "Cmd": ["inference", "--model-dir", "/models", "--model", "credit", "--port", "8080", "--name", "inference-2"],
            "Env": ["CHAOS_DISABLE_CUDA=1"],
            "Labels": { "chaos.project": "chaos", "chaos.run": "{{run}}", "chaos.role": "inference", "chaos.owner": "1:2" },
            "Hostname": "0123456789ab"
          },
          "HostConfig": { "NetworkMode": "chaos-run-7", "Dns": ["127.0.0.1"], "DnsOptions": ["timeout:1"],
                          "PortBindings": { "8080/tcp": [{ "HostIp": "127.0.0.1", "HostPort": "" }] } },
          "NetworkSettings": {
            "Networks": { "chaos-run-7": { "Aliases": ["inference-2", "0123456789ab"] } },
            "Ports": { "8080/tcp": [{ "HostIp": "127.0.0.1", "HostPort": "49153" }] }
          }
        }
        """)!.AsObject();

    [Fact]
    public void Describe_ReplicaOfTheRun_ReadsAliasStateAndPorts()
    {
        var replica = ReplicaBlueprint.Describe(Inspected(), scope).ShouldNotBeNull();

        replica.ShouldBe(new ReplicaContainer("0123456789abcdef0123", "chaos-run-7-inference-2", "inference-2", 2, false, 8080, 49153));
        replica.NetworkUrl.ShouldBe(new Uri("http://inference-2:8080/"));
        replica.ProbeUrl(ReachMode.Published).ShouldBe(new Uri("http://127.0.0.1:49153/"));
    }

    [Fact]
    public void Describe_PausedContainer_ReadsPaused()
    {
        var inspected = Inspected();
        inspected["State"] = new JsonObject { ["Running"] = true, ["Paused"] = true };

        ReplicaBlueprint.Describe(inspected, scope).ShouldNotBeNull().ShouldSatisfyAllConditions(
            r => r.Running.ShouldBeTrue(),
            r => r.Paused.ShouldBeTrue());
        ReplicaBlueprint.Describe(Inspected(), scope).ShouldNotBeNull().Paused.ShouldBeFalse();
    }

    [Fact]
    public void Describe_ContainerOfAnotherRun_IsIgnored() =>
        ReplicaBlueprint.Describe(Inspected(run: "someone-else"), scope).ShouldBeNull();

    [Fact]
    public void CopyAs_SameAlias_CopiesImageCommandLabelsDnsAndNetworkAlias()
    {
        var (name, body) = ReplicaBlueprint.CopyAs(Inspected(), "inference-2", "inference-2");

        name.ShouldBe("chaos-run-7-inference-2");
        body["Image"]!.GetValue<string>().ShouldBe("chaos-stack:abc");
        body["Cmd"]!.ToJsonString().ShouldBe("""["inference","--model-dir","/models","--model","credit","--port","8080","--name","inference-2"]""");
        body["Env"]!.ToJsonString().ShouldBe("""["CHAOS_DISABLE_CUDA=1"]""");
        body["Labels"]!["chaos.owner"]!.GetValue<string>().ShouldBe("1:2");
        body["HostConfig"]!["Dns"]!.ToJsonString().ShouldBe("""["127.0.0.1"]""");
        body["HostConfig"]!["NetworkMode"]!.GetValue<string>().ShouldBe("chaos-run-7");
        body["NetworkingConfig"]!["EndpointsConfig"]!["chaos-run-7"]!["Aliases"]!.ToJsonString().ShouldBe("""["inference-2"]""");
        body["Hostname"].ShouldBeNull();
    }

    [Fact]
    public void CopyAs_NewAlias_RenamesTheNameArgumentContainerNameAndNetworkAlias()
    {
        var (name, body) = ReplicaBlueprint.CopyAs(Inspected(), "inference-2", "inference-5");

        name.ShouldBe("chaos-run-7-inference-5");
        body["Cmd"]!.AsArray()[^1]!.GetValue<string>().ShouldBe("inference-5");
        body["NetworkingConfig"]!["EndpointsConfig"]!["chaos-run-7"]!["Aliases"]!.ToJsonString().ShouldBe("""["inference-5"]""");
        scope.Owns(body["Labels"]).ShouldBeTrue();
    }

    [Fact]
    public void EnsureOwns_ContainerWithoutRunLabel_Throws()
    {
        var inspected = Inspected();
        inspected["Config"]!["Labels"]!.AsObject().Remove("chaos.run");

        Should.Throw<InvalidOperationException>(() => scope.EnsureOwns(inspected)).Message.ShouldContain("Refusing to touch");
    }
}

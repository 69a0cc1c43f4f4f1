using Chaos.Stack.Gateway;

namespace Chaos.Stack.Tests.Gateway;

public sealed class GatewayCommandTests
{
    [Fact]
    public void Parse_HarnessCommandLine_PracticesDefaultOnAndAdminDisabled()
    {
        var (options, errors) = GatewayCommand.Parse(
            ["--replicas", "http://a:8080,http://b:8080", "--model", "credit", "--port", "8080", "--retries", "2", "--circuit-breaker", "false", "--attempt-timeout", "500ms"]);

        errors.ShouldBeEmpty();
        options.Replicas.Count.ShouldBe(2);
        options.Retries.ShouldBe(2);
        options.CircuitBreaker.ShouldBeFalse();
        options.AttemptTimeout.ShouldBe(TimeSpan.FromMilliseconds(500));
        options.Fallback.ShouldBeTrue();
        options.FallbackReplicas.ShouldBeEmpty();
        options.FallbackModel.ShouldBe("credit-simple");
        options.Hedging.ShouldBeTrue();
        options.HedgingDelay.ShouldBe(TimeSpan.FromMilliseconds(100));
        options.AdminToken.ShouldBeNull();
    }

    [Fact]
    public void Parse_NewFlags_ReadIntoOptions()
    {
        var (options, errors) = GatewayCommand.Parse(
        [
            "--replicas", "http://a:8080", "--model", "credit", "--fallback", "false", "--fallback-replicas", "http://s:8080,http://t:8080",
            "--fallback-model", "credit-tiny", "--fallback-cache-size", "50", "--hedging", "false", "--hedging-delay", "250ms", "--admin-token", "secret", "--seed", "9",
        ]);

        errors.ShouldBeEmpty();
        options.Fallback.ShouldBeFalse();
        options.FallbackReplicas.Select(u => u.Host).ShouldBe(["s", "t"]);
        options.FallbackModel.ShouldBe("credit-tiny");
        options.FallbackCacheSize.ShouldBe(50);
        options.Hedging.ShouldBeFalse();
        options.HedgingDelay.ShouldBe(TimeSpan.FromMilliseconds(250));
        options.AdminToken.ShouldBe("secret");
        options.Seed.ShouldBe(9);
    }

    [Fact]
    public void Parse_BadValues_ListsEveryError()
    {
        var (_, errors) = GatewayCommand.Parse(
            ["--replicas", "http://a:8080", "--model", "credit", "--fallback", "maybe", "--fallback-replicas", "ftp://x", "--hedging-delay", "soon"]);

        errors.Count.ShouldBe(3);
        errors.ShouldContain(e => e.Contains("--fallback "));
        errors.ShouldContain(e => e.Contains("--fallback-replicas"));
        errors.ShouldContain(e => e.Contains("--hedging-delay"));
    }
}

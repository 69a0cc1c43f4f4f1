namespace Chaos.Tests.Scenarios;

internal static class ValidScenarios
{
    public const string ReplicaKill = """
        name: replica-kill
        description: One of two inference replicas dies under load.
        seed: 42
        stack:
          variant: full
          replicas: 2
        load:
          rate: 100/s
          duration: 40s
          warmup: 5s
          maxInFlight: 256
          timeout: 2s
        steadyState:
          - probe: http
            path: /v2/health/ready
            expect: 200
        faults:
          - at: 15s
            kind: container.kill
            target: { role: inference, pick: one }
        slos:
          availability: ">= 99.5%"
          latency: { threshold: 250ms, fraction: ">= 99%" }
          timeToRecover: "<= 10s"
        """;
}

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

    /// <summary>Every key of the format, for tests (and mutations) that must reach all of it.</summary>
    public const string EveryKey = """
        name: every-key
        description: Every key of the scenario format.
        seed: 7
        stack:
          variant: full
          replicas: 2
        load:
          rate: 100/s
          duration: 40s
          warmup: 5s
          maxInFlight: 256
          timeout: 2s
          profile:
            kind: step
            steps:
              - at: 10s
                rate: 200/s
              - { at: 20s, rate: 50 }
        steadyState:
          - probe: http
            path: /v2/health/ready
            expect: 200
          - probe: infer
            model: credit
            inputs: [[50, 0.3, 40, 8, 0, 15, 5, 0], [20, 0.9, 1, 0, 3, 2, 1, 1]]
            expect: { outputs: [0.169, 0.8], tolerance: 0.01 }
        faults:
          - at: 15s
            kind: container.kill
            target: { role: inference, pick: one }
        guardrails:
          - metric: errorRate
            above: 50%
            for: 5s
          - { metric: p99Latency, above: 2s, for: 10s }
          - { metric: availability, below: 20%, for: 3s }
        slos:
          availability: ">= 99.5%"
          latency: { threshold: 250ms, fraction: ">= 99%" }
          timeToRecover: "<= 10s"
          errorBudgetBurn: "<= 2"
          timeToDetect: "<= 5s"
          rto: "<= 30s"
          rpo: "<= 0"
          predictionQuality: { metric: accuracy, target: ">= 0.8" }
          dataLoss: "<= 0"
          driftDetectionDelay: "<= 60s"
        repeat: 3
        """;
}

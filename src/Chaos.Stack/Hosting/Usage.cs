namespace Chaos.Stack.Hosting;

/// <summary>The usage text printed for a missing or unknown role.</summary>
public static class Usage
{
    private const string Text = """
        usage: chaos-stack <role> [options]
          train     --out DIR [--seed 42] [--rows 20000]
          inference --model-dir DIR --model credit [--port 8080] [--name REPLICA]
          inference --registry URL --model credit [--port 8080] [--name REPLICA]
                    [--admin-token TOKEN] [--integrity-check true|false]   (POST /admin/reload)
                    [--validation true|false]   (finite values within the declared feature ranges)
                    [--scoring-slots N]   (model runs at once, default one per core; the rest queue)
          registry  --store DIR [--port 8080] [--seed-from DIR] [--admin-token TOKEN]
          gateway   --replicas URL[,URL...] --model credit [--port 8080] [--retries 3]
                    [--circuit-breaker true|false] [--attempt-timeout 1s] [--name NAME] [--seed 1]
                    [--hedging true|false] [--hedging-delay 100ms]
                    [--fallback true|false] [--fallback-replicas URL[,URL...]] [--fallback-model credit-simple]
                    [--fallback-cache-size 10000] [--admin-token TOKEN]
                    [--controller URL] [--discovery-interval 1s]   (follow the controller's /replicas)
          controller --run RUNID [--role inference] [--min 2] [--max 4] [--self-healing true|false]
                    [--autoscaling true|false] [--interval 1s] [--cooldown 10s] [--port 8080]
                    (more in src/Chaos.Stack/Controller/README.md; needs /var/run/docker.sock)
          proxy     --upstream HOST:PORT --admin-token TOKEN [--listen-port 9000] [--port 8080] [--seed 1]
                    (TCP fault proxy; faults switched by POST /admin/proxy, see src/Chaos.Stack/Proxy/README.md)
          stress    [--cpu N] [--memory MB] --for 30s   (pressure inside a container, run by docker exec; bounded)
          pipeline  --data DIR [--port 8080] --registry URL --admin-token TOKEN [--model credit]
                    [--validation|--transactional-store|--drift-monitor|--retraining|--checkpoints true|false]
                    [--drift-window 200] [--retrain-after-rows 5000] [--check-interval 1s] [--seed 42]
                    (more in src/Chaos.Stack/Pipeline/README.md)
        environment: CHAOS_DISABLE_CUDA=1 skips the CUDA execution provider.
        """;

    /// <summary>Writes the usage to stderr and returns the bad-input exit code.</summary>
    public static async Task<int> WriteAsync()
    {
        await Console.Error.WriteLineAsync(Text);
        return ExitCodes.BadInput;
    }
}

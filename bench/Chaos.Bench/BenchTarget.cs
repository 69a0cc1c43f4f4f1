using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Chaos.Bench;

/// <summary>The tiny HTTP target: Kestrel on 127.0.0.1, a fixed small JSON answer to GET and POST.</summary>
public static class BenchTarget
{
    /// <summary>Path both clients (wrk and the generator) hit.</summary>
    public const string InferPath = "/v2/models/bench/infer";

    /// <summary>Line the target prints once it listens; the parent process reads the address after it.</summary>
    public const string ListeningPrefix = "listening ";

    private static readonly byte[] Answer = Encoding.UTF8.GetBytes(
        "{\"model_name\":\"bench\",\"outputs\":[{\"name\":\"probability\",\"shape\":[1,1],\"datatype\":\"FP32\",\"data\":[0.5]}]}");

    /// <summary>Serves until <paramref name="cancellationToken"/> fires (the parent kills or closes stdin).</summary>
    public static async Task ServeAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.MapGet(InferPath, WriteAnswerAsync);
        app.MapPost(InferPath, WriteAnswerAsync);
        app.MapGet("/health", () => "ok");
        await app.StartAsync(cancellationToken);
        Console.WriteLine(ListeningPrefix + app.Urls.First());
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop: fall through to a clean shutdown.
        }
        await app.StopAsync(CancellationToken.None);
    }

    private static Task WriteAnswerAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Answer.Length;
        return context.Response.Body.WriteAsync(Answer, context.RequestAborted).AsTask();
    }
}

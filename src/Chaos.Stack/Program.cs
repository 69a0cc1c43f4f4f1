using Chaos.Stack.Gateway;
using Chaos.Stack.Hosting;
using Chaos.Stack.Inference;
using Chaos.Stack.Ml;
using Microsoft.Extensions.Logging;

// One executable, role chosen by the first argument: train | inference | gateway | controller | registry | pipeline.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
var rest = args.Skip(1).ToArray();
return args.FirstOrDefault() switch
{
    "train" => await TrainCommand.RunAsync(rest, loggerFactory, cancellation.Token),
    "inference" => await InferenceCommand.RunAsync(rest, cancellation.Token),
    "gateway" => await GatewayCommand.RunAsync(rest, cancellation.Token),
    "controller" => await Chaos.Stack.Controller.ControllerCommand.RunAsync(rest, cancellation.Token),
    "registry" => await Chaos.Stack.Registry.RegistryCommand.RunAsync(rest, cancellation.Token),
    "stress" => await Chaos.Stack.Stress.StressCommand.RunAsync(rest, cancellation.Token),
    "proxy" => await Chaos.Stack.Proxy.ProxyCommand.RunAsync(rest, cancellation.Token),
    "pipeline" => await Chaos.Stack.Pipeline.PipelineCommand.RunAsync(rest, cancellation.Token),
    _ => await Usage.WriteAsync(),
};

using Chaos.Cli;

return await ChaosCli.InvokeAsync(args, Console.Out, Console.Error);

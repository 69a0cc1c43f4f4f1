using Chaos.Cli;
using Chaos.Load;

// Before anything touches a socket: the runtime reads this once (see SocketCompletions).
SocketCompletions.PreferInline();
return await ChaosCli.InvokeAsync(args, Console.Out, Console.Error);

using Microsoft.Extensions.Logging;

namespace Chaos.Stack.Controller;

public sealed partial class ControllerLoop
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "replica-unready alias={Alias} container={Container} reason={Reason}")]
    private static partial void LogUnready(ILogger logger, string alias, string container, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "replica-replaced alias={Alias} old={OldContainer} new={NewContainer} reason={Reason}")]
    private static partial void LogReplaced(ILogger logger, string alias, string oldContainer, string newContainer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "scaled-{Direction} alias={Alias} container={Container} reason={Reason}")]
    private static partial void LogScaled(ILogger logger, string direction, string alias, string container, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "action-failed kind={Kind} alias={Alias}")]
    private static partial void LogActionFailed(ILogger logger, ActionKind kind, string alias, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "reconcile-failed run={RunId}: is /var/run/docker.sock mounted and the engine up?")]
    private static partial void LogPassFailed(ILogger logger, string runId, Exception exception);
}

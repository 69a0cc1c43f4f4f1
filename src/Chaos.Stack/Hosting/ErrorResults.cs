using Chaos.Stack.Contracts;
using Microsoft.AspNetCore.Http;

namespace Chaos.Stack.Hosting;

/// <summary>Builds OIP error answers: a status code and <c>{"error": "..."}</c>.</summary>
public static class ErrorResults
{
    /// <summary>An error answer with this status and message.</summary>
    public static IResult Error(int statusCode, string message) =>
        Results.Json(new ErrorResponse(message), StackJson.Options, statusCode: statusCode);
}

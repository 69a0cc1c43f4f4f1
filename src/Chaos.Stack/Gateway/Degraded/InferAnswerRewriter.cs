using System.Text.Json;
using System.Text.Json.Nodes;
using Chaos.Stack.Contracts;

namespace Chaos.Stack.Gateway.Degraded;

/// <summary>Makes a fallback answer look like an answer to this request: its model name and, for cached answers, its id.</summary>
public static class InferAnswerRewriter
{
    /// <summary>The answer with <c>model_name</c> set to <paramref name="modelName"/>; null when it is not a JSON object.</summary>
    public static byte[]? WithModelName(byte[] answer, string modelName) => Rewrite(answer, modelName, replaceId: false, id: null);

    /// <summary>The answer with <c>model_name</c> and <c>id</c> of this request (no id when it has none); null when not a JSON object.</summary>
    public static byte[]? ForRequest(byte[] answer, string modelName, string? id) => Rewrite(answer, modelName, replaceId: true, id);

    private static byte[]? Rewrite(byte[] answer, string modelName, bool replaceId, string? id)
    {
        try
        {
            if (JsonNode.Parse(answer) is not JsonObject root)
            {
                return null;
            }

            root["model_name"] = modelName;
            if (replaceId)
            {
                root.Remove("id");
                if (id is not null)
                {
                    root["id"] = id;
                }
            }

            return JsonSerializer.SerializeToUtf8Bytes(root, StackJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using System.Globalization;
using System.Text;

namespace Chaos.Stack.Tests.Fuzz;

/// <summary>Generates bad inference requests from a seed: the same seed gives the same requests, in the same order.</summary>
public sealed class BadRequestGenerator(int seed)
{
    /// <summary>The route every well-formed request goes to.</summary>
    public const string InferPath = "/v2/models/credit/infer";

    private const int Features = 8;
    private const int OneMebibyte = 1024 * 1024;
    private static readonly FuzzCategory[] Categories = Enum.GetValues<FuzzCategory>();

    private readonly Random random = new(seed);
    private readonly Dictionary<int, byte[]> hugeBodies = [];

    /// <summary>The <paramref name="index"/>-th bad request; categories take turns so each gets an equal share.</summary>
    public BadRequest Next(int index)
    {
        var category = Categories[index % Categories.Length];
        return category switch
        {
            FuzzCategory.MalformedJson => MalformedJson(),
            FuzzCategory.WrongShape => WrongShape(),
            FuzzCategory.WrongDatatype => WrongDatatype(),
            FuzzCategory.NonFiniteValue => NonFiniteValue(),
            FuzzCategory.MissingField => MissingField(),
            FuzzCategory.WrongInputName => WrongInputName(),
            FuzzCategory.UnknownModel => UnknownModel(),
            FuzzCategory.WrongContentType => WrongContentType(),
            FuzzCategory.HugeBody => HugeBody(),
            FuzzCategory.WrongMethod => WrongMethod(),
            FuzzCategory.DuplicateKeys => DuplicateKeys(),
            FuzzCategory.UnicodeGarbage => UnicodeGarbage(),
            _ => throw new ArgumentOutOfRangeException(nameof(index), category, "no generator for this category"),
        };
    }

    /// <summary>A valid request of 1 to 4 rows, for the good request sent between bad ones.</summary>
    public string GoodBody() => Valid(random.Next(1, 5));

    private BadRequest MalformedJson()
    {
        var valid = Valid(1);
        return random.Next(9) switch
        {
            0 => Post(FuzzCategory.MalformedJson, "truncated", valid[..random.Next(valid.Length)]),
            1 => Post(FuzzCategory.MalformedJson, "random-bytes", RandomBytes(random.Next(1, 512))),
            2 => Post(FuzzCategory.MalformedJson, "nested-10000-root", new string('[', 10_000) + new string(']', 10_000)),
            3 => Post(FuzzCategory.MalformedJson, "nested-10000-data", Tensor("\"features\"", "[1,8]", "\"FP32\"", new string('[', 10_000) + "1" + new string(']', 10_000))),
            4 => Post(FuzzCategory.MalformedJson, "huge-number-shape", Tensor("\"features\"", "[1e309,8]", "\"FP32\"", Numbers(8))),
            5 => Post(FuzzCategory.MalformedJson, "huge-number-digits", Tensor("\"features\"", "[1,8]", "\"FP32\"", Numbers(7) + "," + new string('9', 10_000))),
            6 => Post(FuzzCategory.MalformedJson, "single-quotes", valid.Replace('"', '\'')),
            7 => Post(FuzzCategory.MalformedJson, "smart-quotes", valid.Replace("\"features\"", "\u201Cfeatures\u201D", StringComparison.Ordinal)),
            _ => Post(FuzzCategory.MalformedJson, "trailing-comma", valid.Replace("]}]}", "],}],}", StringComparison.Ordinal)),
        };
    }

    private BadRequest WrongShape() => random.Next(10) switch
    {
        0 => Shape("1x7", "[1,7]", Numbers(7)),
        1 => Shape("2x8-with-8", "[2,8]", Numbers(8)),
        2 => Shape("negative-rows", "[-1,8]", Numbers(8)),
        3 => Shape("negative-columns", "[1,-8]", Numbers(8)),
        4 => Shape("rows-mismatch", "[3,8]", Numbers(16)),
        5 => Shape("empty", "[]", "[]"),
        6 => Shape("zero-rows", "[0,8]", "[]"),
        7 => Shape("three-dims", "[1,8,1]", Numbers(8)),
        8 => Shape("over-max-batch", "[4097,8]", Numbers(8)),
        _ => Shape("int-max-rows", "[2147483647,8]", Numbers(8)),
    };

    private BadRequest WrongDatatype()
    {
        var (variant, datatype) = random.Next(8) switch
        {
            0 => ("INT64", "\"INT64\""),
            1 => ("BYTES", "\"BYTES\""),
            2 => ("lowercase-fp32", "\"fp32\""),
            3 => ("missing", null),
            4 => ("FP64", "\"FP64\""),
            5 => ("null", "null"),
            6 => ("number", "32"),
            _ => ("empty", "\"\""),
        };
        return Post(FuzzCategory.WrongDatatype, variant, Tensor("\"features\"", "[1,8]", datatype, Numbers(8)));
    }

    private BadRequest NonFiniteValue()
    {
        var (variant, value) = random.Next(8) switch
        {
            0 => ("string-NaN", "\"NaN\""),
            1 => ("string-Infinity", "\"Infinity\""),
            2 => ("string-minus-Infinity", "\"-Infinity\""),
            3 => ("1e39", "1e39"),
            4 => ("minus-1e39", "-1e39"),
            5 => ("1e400", "1e400"),
            6 => ("bare-NaN-token", "NaN"),
            _ => ("3.5e38", "3.5e38"),
        };
        var data = "[" + Numbers(7)[1..^1] + "," + value + "]";
        return Post(FuzzCategory.NonFiniteValue, variant, Tensor("\"features\"", "[1,8]", "\"FP32\"", data));
    }

    private BadRequest MissingField() => random.Next(11) switch
    {
        0 => Post(FuzzCategory.MissingField, "no-inputs", """{"id":"x"}"""),
        1 => Post(FuzzCategory.MissingField, "inputs-object", """{"inputs":{"name":"features"}}"""),
        2 => Post(FuzzCategory.MissingField, "inputs-string", """{"inputs":"features"}"""),
        3 => Post(FuzzCategory.MissingField, "inputs-null", """{"inputs":null}"""),
        4 => Post(FuzzCategory.MissingField, "inputs-empty", """{"inputs":[]}"""),
        5 => Post(FuzzCategory.MissingField, "no-name", Tensor(null, "[1,8]", "\"FP32\"", Numbers(8))),
        6 => Post(FuzzCategory.MissingField, "no-data", Tensor("\"features\"", "[1,8]", "\"FP32\"", null)),
        7 => Post(FuzzCategory.MissingField, "no-shape", Tensor("\"features\"", null, "\"FP32\"", Numbers(8))),
        8 => Post(FuzzCategory.MissingField, "input-number", """{"inputs":[42]}"""),
        9 => Post(FuzzCategory.MissingField, "empty-body", string.Empty),
        _ => Post(FuzzCategory.MissingField, "null-body", "null"),
    };

    private BadRequest WrongInputName()
    {
        var (variant, name) = random.Next(6) switch
        {
            0 => ("pixels", "\"pixels\""),
            1 => ("capitalised", "\"Features\""),
            2 => ("empty", "\"\""),
            3 => ("trailing-space", "\"features \""),
            4 => ("number", "8"),
            _ => ("random", "\"" + RandomWord(random.Next(1, 40)) + "\""),
        };
        return Post(FuzzCategory.WrongInputName, variant, Tensor(name, "[1,8]", "\"FP32\"", Numbers(8)));
    }

    private BadRequest UnknownModel()
    {
        var (variant, path) = random.Next(8) switch
        {
            0 => ("random-name", Model(RandomWord(random.Next(1, 30)))),
            1 => ("fraud", Model("fraud")),
            2 => ("uppercase", Model("CREDIT")),
            3 => ("encoded-traversal", Model("../../etc/passwd")),
            // HttpClient removes the dot segments, so this one reaches /etc/passwd/infer: no route at all.
            4 => ("raw-traversal", "/v2/models/../../etc/passwd/infer"),
            5 => ("long-2000", Model(new string('m', 2_000))),
            6 => ("too-long-for-request-line-10000", Model(new string('m', 10_000))),
            _ => ("unknown-version", "/v2/models/credit/versions/999/infer"),
        };
        return new BadRequest(FuzzCategory.UnknownModel, variant, HttpMethod.Post, path, Encoding.UTF8.GetBytes(Valid(1)), "application/json", MustBeRejected: true);
    }

    private BadRequest WrongContentType()
    {
        var (variant, contentType) = random.Next(6) switch
        {
            0 => ("text/plain", "text/plain"),
            1 => ("application/xml", "application/xml"),
            2 => ("multipart", "multipart/form-data; boundary=fuzz"),
            3 => ("none", null),
            4 => ("utf-16-charset", "application/json; charset=utf-16"),
            _ => ("unparseable", "x/y;;;=="),
        };

        // The node reads the body as JSON whatever the header says: a valid body may be answered 200, an XML one must not.
        return random.Next(2) == 0
            ? new BadRequest(FuzzCategory.WrongContentType, variant + "/valid-body", HttpMethod.Post, InferPath, Encoding.UTF8.GetBytes(Valid(1)), contentType, MustBeRejected: false)
            : new BadRequest(FuzzCategory.WrongContentType, variant + "/xml-body", HttpMethod.Post, InferPath, Encoding.UTF8.GetBytes("<inputs><features>1 2 3 4 5 6 7 8</features></inputs>"), contentType, MustBeRejected: true);
    }

    private BadRequest HugeBody()
    {
        var (variant, size, chunked) = random.Next(5) switch
        {
            0 => ("1MiB-plus-1", OneMebibyte + 1, false),
            1 => ("2MiB", 2 * OneMebibyte, false),
            2 => ("2MiB-chunked", 2 * OneMebibyte, true),
            3 => ("20MiB", 20 * OneMebibyte, false),
            _ => ("20MiB-chunked", 20 * OneMebibyte, true),
        };

        // With a Content-Length, half the clients wait for 100-continue (and never upload) and half upload at once.
        var expectContinue = !chunked && random.Next(2) == 0;
        return new BadRequest(FuzzCategory.HugeBody, variant + (expectContinue ? "-expect-100" : string.Empty), HttpMethod.Post, InferPath, HugeJson(size), "application/json", MustBeRejected: true)
        {
            Chunked = chunked,
            ExpectContinue = expectContinue,
        };
    }

    private BadRequest WrongMethod()
    {
        var method = random.Next(5) switch
        {
            0 => HttpMethod.Get,
            1 => HttpMethod.Put,
            2 => HttpMethod.Delete,
            3 => HttpMethod.Patch,
            _ => HttpMethod.Head,
        };
        var body = method == HttpMethod.Put || method == HttpMethod.Patch ? Encoding.UTF8.GetBytes(Valid(1)) : null;
        return new BadRequest(FuzzCategory.WrongMethod, method.Method, method, InferPath, body, body is null ? null : "application/json", MustBeRejected: true);
    }

    private BadRequest DuplicateKeys()
    {
        var good = $$"""{"name":"features","shape":[1,8],"datatype":"FP32","data":{{Numbers(8)}}}""";
        var bad = $$"""{"name":"pixels","shape":[1,7],"datatype":"INT64","data":[1]}""";
        return random.Next(4) switch
        {
            // Which duplicate wins is the parser's choice; either answer is fine as long as it is 200 or a 4xx with an error.
            0 => Post(FuzzCategory.DuplicateKeys, "inputs-bad-then-good", $$"""{"inputs":[{{bad}}],"inputs":[{{good}}]}""", mustBeRejected: false),
            1 => Post(FuzzCategory.DuplicateKeys, "inputs-good-then-bad", $$"""{"inputs":[{{good}}],"inputs":[{{bad}}]}""", mustBeRejected: false),
            2 => Post(FuzzCategory.DuplicateKeys, "datatype-twice", $$"""{"inputs":[{"name":"features","datatype":"INT64","shape":[1,8],"datatype":"FP32","data":{{Numbers(8)}}}]}""", mustBeRejected: false),
            _ => Post(FuzzCategory.DuplicateKeys, "id-twice", $$"""{"id":"a","id":7,"inputs":[{{good}}]}""", mustBeRejected: false),
        };
    }

    private BadRequest UnicodeGarbage()
    {
        var valid = Valid(1);
        return random.Next(9) switch
        {
            0 => Post(FuzzCategory.UnicodeGarbage, "invalid-utf8-in-name", Splice(Tensor("\"feat\u0001\"", "[1,8]", "\"FP32\"", Numbers(8)), "\u0001", [0xC3, 0x28])),
            1 => Post(FuzzCategory.UnicodeGarbage, "invalid-utf8-in-id", Splice(valid.Replace("\"fuzz\"", "\"t\u0001\"", StringComparison.Ordinal), "\u0001", [0xFF, 0xFE, 0xFD])),
            2 => Post(FuzzCategory.UnicodeGarbage, "invalid-utf8-in-data-string", Splice(Tensor("\"features\"", "[1,8]", "\"FP32\"", "[\"\u0001\",1,2,3,4,5,6,7]"), "\u0001", [0xE2, 0x82])),
            3 => Post(FuzzCategory.UnicodeGarbage, "lone-surrogate-in-name", Tensor("\"\\uD800features\"", "[1,8]", "\"FP32\"", Numbers(8))),
            4 => Post(FuzzCategory.UnicodeGarbage, "lone-surrogate-in-id", valid.Replace("fuzz", "\\uDC00\\uD800", StringComparison.Ordinal), mustBeRejected: false),
            5 => Post(FuzzCategory.UnicodeGarbage, "lone-surrogate-in-data-string", Tensor("\"features\"", "[1,8]", "\"FP32\"", "[\"\\uD83D\",1,2,3,4,5,6,7]")),
            6 => Post(FuzzCategory.UnicodeGarbage, "emoji-and-rtl-in-id", valid.Replace("fuzz", "\U0001F4A5\u202E\u200B\u0000-id".Replace("\u0000", "\\u0000", StringComparison.Ordinal), StringComparison.Ordinal), mustBeRejected: false),
            7 => Post(FuzzCategory.UnicodeGarbage, "utf16-body", Encoding.Unicode.GetBytes(valid)),
            _ => Post(FuzzCategory.UnicodeGarbage, "random-unicode-name", Tensor("\"" + RandomUnicode(random.Next(1, 30)) + "\"", "[1,8]", "\"FP32\"", Numbers(8))),
        };
    }

    private BadRequest Shape(string variant, string shape, string data) =>
        Post(FuzzCategory.WrongShape, variant, Tensor("\"features\"", shape, "\"FP32\"", data));

    private static BadRequest Post(FuzzCategory category, string variant, string body, bool mustBeRejected = true) =>
        Post(category, variant, Encoding.UTF8.GetBytes(body), mustBeRejected);

    private static BadRequest Post(FuzzCategory category, string variant, byte[] body, bool mustBeRejected = true) =>
        new(category, variant, HttpMethod.Post, InferPath, body, "application/json", mustBeRejected);

    private static string Model(string name) => $"/v2/models/{Uri.EscapeDataString(name)}/infer";

    /// <summary>An inference body with one input; a null part is left out.</summary>
    private static string Tensor(string? name, string? shape, string? datatype, string? data)
    {
        var parts = new List<string>(4);
        if (name is not null)
        {
            parts.Add($"\"name\":{name}");
        }

        if (shape is not null)
        {
            parts.Add($"\"shape\":{shape}");
        }

        if (datatype is not null)
        {
            parts.Add($"\"datatype\":{datatype}");
        }

        if (data is not null)
        {
            parts.Add($"\"data\":{data}");
        }

        return $$"""{"id":"fuzz","inputs":[{{{string.Join(",", parts)}}}]}""";
    }

    private string Valid(int rows) => Tensor("\"features\"", $"[{rows},{Features}]", "\"FP32\"", Numbers(rows * Features));

    private string Numbers(int count)
    {
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Math.Round(random.NextDouble() * 100, 3).ToString("R", CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(",", values) + "]";
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private string RandomWord(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)random.Next('a', 'z' + 1);
        }

        return new string(chars);
    }

    private string RandomUnicode(int length)
    {
        var text = new StringBuilder(length * 2);
        for (var i = 0; i < length; i++)
        {
            // Code points from the BMP and the astral planes, skipping the surrogate block, quotes and backslashes that would end the string.
            var codePoint = random.Next(2) == 0 ? random.Next(0xA0, 0xD800) : random.Next(0x10000, 0x10FFFF);
            text.Append(char.ConvertFromUtf32(codePoint));
        }

        return text.ToString();
    }

    /// <summary>The UTF-8 of <paramref name="text"/> with the first <paramref name="marker"/> replaced by raw bytes.</summary>
    private static byte[] Splice(string text, string marker, byte[] bytes)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        var before = Encoding.UTF8.GetBytes(text[..at]);
        var after = Encoding.UTF8.GetBytes(text[(at + marker.Length)..]);
        return [.. before, .. bytes, .. after];
    }

    /// <summary>A body of <paramref name="size"/> bytes that looks like a request with a long data array; cached, they are large.</summary>
    private byte[] HugeJson(int size)
    {
        if (!hugeBodies.TryGetValue(size, out var body))
        {
            var head = Encoding.UTF8.GetBytes("""{"inputs":[{"name":"features","shape":[1,8],"datatype":"FP32","data":[""");
            var tail = Encoding.UTF8.GetBytes("1]}]}");
            body = new byte[size];
            head.CopyTo(body, 0);
            for (var i = head.Length; i < size - tail.Length; i += 2)
            {
                body[i] = (byte)'1';
                body[i + 1] = (byte)',';
            }

            tail.CopyTo(body, size - tail.Length);
            hugeBodies[size] = body;
        }

        return body;
    }
}

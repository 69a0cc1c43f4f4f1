using System.Globalization;

namespace Chaos.Stack.Hosting;

/// <summary>Reads <c>--name value</c> and <c>--name=value</c> options; every problem is collected, not just the first.</summary>
public sealed class ArgumentReader
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> consumed = new(StringComparer.Ordinal);
    private readonly List<string> errors = [];

    /// <summary>Parses the options that follow the role name.</summary>
    public ArgumentReader(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                errors.Add($"Unexpected argument '{argument}': options look like --name value.");
                continue;
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[argument[2..equals]] = argument[(equals + 1)..];
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[argument[2..]] = arguments[++i];
            }
            else
            {
                errors.Add($"Option '{argument}' needs a value.");
            }
        }
    }

    /// <summary>Problems found so far, including unknown options once <see cref="Finish"/> ran.</summary>
    public IReadOnlyList<string> Errors => errors;

    /// <summary>Records a problem found while interpreting an option's value.</summary>
    public void AddError(string error) => errors.Add(error);

    /// <summary>A required string option.</summary>
    public string Required(string name)
    {
        consumed.Add(name);
        if (values.TryGetValue(name, out var value) && value.Length > 0)
        {
            return value;
        }

        errors.Add($"Option --{name} is required.");
        return string.Empty;
    }

    /// <summary>An optional string option.</summary>
    public string Optional(string name, string fallback)
    {
        consumed.Add(name);
        return values.GetValueOrDefault(name, fallback);
    }

    /// <summary>An optional 32-bit integer option within [minimum, maximum].</summary>
    public int WholeNumber(string name, int fallback, int minimum, int maximum)
    {
        var text = Optional(name, fallback.ToString(CultureInfo.InvariantCulture));
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        errors.Add($"Option --{name} must be an integer from {minimum} to {maximum}, got '{text}'.");
        return fallback;
    }

    /// <summary>An optional boolean option (true/false).</summary>
    public bool Switch(string name, bool fallback)
    {
        var text = Optional(name, fallback ? "true" : "false");
        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add($"Option --{name} must be true or false, got '{text}'.");
        return fallback;
    }

    /// <summary>An optional duration such as 250ms, 1s, 1.5s or 2m.</summary>
    public TimeSpan Duration(string name, TimeSpan fallback)
    {
        var text = Optional(name, string.Empty);
        if (text.Length == 0)
        {
            return fallback;
        }

        if (DurationText.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        errors.Add($"Option --{name} must be a positive duration like 250ms, 1s or 2m, got '{text}'.");
        return fallback;
    }

    /// <summary>Records every option given but never asked for as an error; call after reading all options.</summary>
    public void Finish()
    {
        foreach (var name in values.Keys.Where(k => !consumed.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add($"Unknown option --{name}.");
        }
    }
}

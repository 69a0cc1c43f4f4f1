using System.Globalization;

namespace Chaos.Bench;

/// <summary>Result lines: <c>RESULT|bench|metric|value|note</c> on stdout, which bench/run.sh turns into a table.</summary>
public static class Report
{
    public static void Row(string bench, string metric, string value, string note = "") =>
        Console.WriteLine($"RESULT|{bench}|{metric}|{value}|{note}");

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}

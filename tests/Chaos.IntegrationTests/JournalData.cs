namespace Chaos.IntegrationTests;

/// <summary>Reads the data of journal events as result.json gives them back (values as text).</summary>
internal static class JournalData
{
    internal static string Text(Reporting.RunEvent e, string key) => e.Data.TryGetValue(key, out var value) ? Reporting.ReportFormat.DataValue(value) : "";

    internal static double Number(Reporting.RunEvent e, string key) => double.Parse(Text(e, key), System.Globalization.CultureInfo.InvariantCulture);
}

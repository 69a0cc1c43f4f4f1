using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Chaos.Tests.Reporting;

/// <summary>
/// The structural rules of the common Jenkins/Surefire junit XSD (junit-4 / junit-10 lineage), written out here because the tests cannot
/// download it: element order and multiplicity, required attributes, no undeclared attributes or elements; plus the consistency rules the
/// XSD cannot say (counts that match the test cases, unique suite names, ids 0..n-1, numeric times, timestamps without a zone).
/// </summary>
internal static class JUnitSchema
{
    private const string Xsd = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:complexType name="problem" mixed="true">
            <xs:attribute name="message" type="xs:string"/>
            <xs:attribute name="type" type="xs:string"/>
          </xs:complexType>
          <xs:element name="failure" type="problem"/>
          <xs:element name="error" type="problem"/>
          <xs:element name="skipped" type="xs:string"/>
          <xs:element name="system-out" type="xs:string"/>
          <xs:element name="system-err" type="xs:string"/>
          <xs:element name="property">
            <xs:complexType>
              <xs:attribute name="name" type="xs:string" use="required"/>
              <xs:attribute name="value" type="xs:string" use="required"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="properties">
            <xs:complexType>
              <xs:sequence><xs:element ref="property" minOccurs="1" maxOccurs="unbounded"/></xs:sequence>
            </xs:complexType>
          </xs:element>
          <xs:element name="testcase">
            <xs:complexType>
              <xs:sequence>
                <xs:element ref="skipped" minOccurs="0"/>
                <xs:element ref="error" minOccurs="0" maxOccurs="unbounded"/>
                <xs:element ref="failure" minOccurs="0" maxOccurs="unbounded"/>
                <xs:element ref="system-out" minOccurs="0" maxOccurs="unbounded"/>
                <xs:element ref="system-err" minOccurs="0" maxOccurs="unbounded"/>
              </xs:sequence>
              <xs:attribute name="name" type="xs:string" use="required"/>
              <xs:attribute name="classname" type="xs:string"/>
              <xs:attribute name="time" type="xs:string"/>
              <xs:attribute name="assertions" type="xs:string"/>
              <xs:attribute name="status" type="xs:string"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="testsuite">
            <xs:complexType>
              <xs:sequence>
                <xs:element ref="properties" minOccurs="0"/>
                <xs:element ref="testcase" minOccurs="0" maxOccurs="unbounded"/>
                <xs:element ref="system-out" minOccurs="0"/>
                <xs:element ref="system-err" minOccurs="0"/>
              </xs:sequence>
              <xs:attribute name="name" type="xs:string" use="required"/>
              <xs:attribute name="tests" type="xs:string" use="required"/>
              <xs:attribute name="failures" type="xs:string"/>
              <xs:attribute name="errors" type="xs:string"/>
              <xs:attribute name="skipped" type="xs:string"/>
              <xs:attribute name="disabled" type="xs:string"/>
              <xs:attribute name="time" type="xs:string"/>
              <xs:attribute name="timestamp" type="xs:string"/>
              <xs:attribute name="hostname" type="xs:string"/>
              <xs:attribute name="id" type="xs:string"/>
              <xs:attribute name="package" type="xs:string"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="testsuites">
            <xs:complexType>
              <xs:sequence><xs:element ref="testsuite" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
              <xs:attribute name="name" type="xs:string"/>
              <xs:attribute name="tests" type="xs:string"/>
              <xs:attribute name="failures" type="xs:string"/>
              <xs:attribute name="errors" type="xs:string"/>
              <xs:attribute name="disabled" type="xs:string"/>
              <xs:attribute name="time" type="xs:string"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;

    /// <summary>Every broken rule, one sentence each; empty when the document follows them all.</summary>
    public static IReadOnlyList<string> Violations(XDocument document)
    {
        var violations = new List<string>();
        var schemas = new XmlSchemaSet();
        using (var reader = XmlReader.Create(new StringReader(Xsd)))
        {
            schemas.Add(null, reader);
        }
        // Validate a copy: validation annotates the tree it walks.
        new XDocument(document).Validate(schemas, (_, e) => violations.Add($"schema: {e.Message}"));
        if (document.Root is not { Name.LocalName: "testsuites" } root)
        {
            violations.Add("root element is not testsuites");
            return violations;
        }
        var suites = root.Elements("testsuite").ToList();
        foreach (var (suite, index) in suites.Select((s, i) => (s, i)))
        {
            var cases = suite.Elements("testcase").ToList();
            var name = (string?)suite.Attribute("name");
            Expect(violations, name, "tests", Count(suite, "tests"), cases.Count);
            Expect(violations, name, "failures", Count(suite, "failures"), cases.Count(c => c.Elements("failure").Any()));
            Expect(violations, name, "errors", Count(suite, "errors"), cases.Count(c => c.Elements("error").Any()));
            Expect(violations, name, "skipped", Count(suite, "skipped"), cases.Count(c => c.Elements("skipped").Any()));
            Expect(violations, name, "id", Count(suite, "id"), index);
            NonNegativeNumber(violations, name, suite.Attribute("time"));
            cases.ForEach(c => NonNegativeNumber(violations, $"{name}/{(string?)c.Attribute("name")}", c.Attribute("time")));
            if (suite.Attribute("timestamp") is { } timestamp &&
                !DateTime.TryParseExact(timestamp.Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                violations.Add($"{name}: timestamp '{timestamp.Value}' is not yyyy-MM-ddTHH:mm:ss without a zone");
            }
            foreach (var duplicate in cases.GroupBy(c => ((string?)c.Attribute("classname"), (string?)c.Attribute("name"))).Where(g => g.Count() > 1))
            {
                violations.Add($"{name}: test case {duplicate.Key} appears {duplicate.Count()} times");
            }
        }
        foreach (var duplicate in suites.GroupBy(s => (string?)s.Attribute("name")).Where(g => g.Count() > 1))
        {
            violations.Add($"suite name '{duplicate.Key}' appears {duplicate.Count()} times");
        }
        foreach (var total in new[] { "tests", "failures", "errors" })
        {
            if (root.Attribute(total) is not null)
            {
                Expect(violations, "testsuites", total, Count(root, total), suites.Sum(s => Count(s, total) ?? 0));
            }
        }
        return violations;
    }

    private static int? Count(XElement element, string attribute) =>
        int.TryParse((string?)element.Attribute(attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static void Expect(List<string> violations, string? where, string attribute, int? actual, int expected)
    {
        if (actual is not null && actual != expected)
        {
            violations.Add($"{where}: {attribute}={actual} but {expected} expected");
        }
    }

    private static void NonNegativeNumber(List<string> violations, string? where, XAttribute? time)
    {
        if (time is not null && !(double.TryParse(time.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0))
        {
            violations.Add($"{where}: time '{time.Value}' is not a non-negative number");
        }
    }
}

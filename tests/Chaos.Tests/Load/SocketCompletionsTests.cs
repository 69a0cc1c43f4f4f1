using Chaos.Load;
using Shouldly;

namespace Chaos.Tests.Load;

public class SocketCompletionsTests
{
    [Fact]
    public void PreferInline_VariableUnset_SetsItTo1()
    {
        var environment = new Dictionary<string, string>();

        var inline = SocketCompletions.PreferInline(name => environment.GetValueOrDefault(name), (name, value) => environment[name] = value);

        inline.ShouldBeTrue();
        environment[SocketCompletions.Variable].ShouldBe("1");
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("true", false)]
    public void PreferInline_VariableSetByTheUser_LeavesItAndReportsWhatTheRuntimeWillDo(string value, bool expected)
    {
        var environment = new Dictionary<string, string> { [SocketCompletions.Variable] = value };

        var inline = SocketCompletions.PreferInline(name => environment.GetValueOrDefault(name), (name, v) => environment[name] = v);

        // The runtime turns them on only for exactly "1".
        inline.ShouldBe(expected);
        environment[SocketCompletions.Variable].ShouldBe(value);
    }
}

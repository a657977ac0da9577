using System.CommandLine;
using System.CommandLine.Help;

namespace ZkPot.Cli.Tests;

/// <summary>
/// `--help` and usage errors for every verb and sub-verb, the list taken from the parser itself: a new command or option
/// is held to the same rules (a description, a default in its help line, exit 2 naming it when misused) without a new test.
/// </summary>
public class HelpAndUsageTests
{
    static readonly RootCommand Root = CommandLine.Build();

    /// <summary>Every command under the root, as the words that reach it: "verify", "ptau new", ...</summary>
    static IEnumerable<(string[] Path, Command Command)> Commands(Command command, string[] path)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] subPath = [.. path, sub.Name];
            yield return (subPath, sub);
            foreach (var deeper in Commands(sub, subPath)) yield return deeper;
        }
    }

    static Command Find(string path) => Commands(Root, []).Single(c => string.Join(' ', c.Path) == path).Command;

    static IEnumerable<Option> OwnOptions(Command command) => command.Options.Where(o => o is not HelpOption);

    public static TheoryData<string> AllCommands() => [.. Commands(Root, []).Select(c => string.Join(' ', c.Path))];

    /// <summary>Commands that run (not only group sub-commands).</summary>
    public static TheoryData<string> RunnableCommands() => [.. Commands(Root, []).Where(c => c.Command.Action is not null).Select(c => string.Join(' ', c.Path))];

    /// <summary>Each option that takes a number or one of a few words, with a value it must refuse.</summary>
    public static TheoryData<string, string, string> ValuedOptions()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (path, command) in Commands(Root, []))
            foreach (var option in OwnOptions(command))
            {
                if (option.ValueType == typeof(int) || option.ValueType == typeof(int?)) data.Add(string.Join(' ', path), option.Name, "not-a-number");
                else if (option.HelpName?.Contains('|') == true) data.Add(string.Join(' ', path), option.Name, "no-such-choice");
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllCommands))]
    public void Help_of_every_command_lists_each_option_with_its_description_and_default(string path)
    {
        var command = Find(path);
        var (code, output, error) = CliRunner.Run([.. path.Split(' '), "--help"]);
        Assert.True(code == 0, error);
        Assert.Equal("", error);
        Assert.StartsWith($"Usage: zkpot {path} ", output);
        var lines = output.Split('\n');
        foreach (var option in OwnOptions(command))
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{path} {option.Name} has no description");
            string expectedDefault = HelpText.DefaultOf(option);
            Assert.False(expectedDefault.Length == 0, $"{path} {option.Name} has no default in its help (give it a fallback, words, or make it required)");
            // Output that is not a terminal keeps each option on one line: its name, then its description and default.
            var line = Assert.Single(lines, l => l.StartsWith("  " + option.Name + " ", StringComparison.Ordinal) || l.TrimEnd() == "  " + option.Name);
            Assert.Contains(option.Description!, line);
            Assert.EndsWith(expectedDefault, line.TrimEnd());
        }
        foreach (var sub in command.Subcommands) Assert.Contains(lines, l => l.StartsWith($"  {sub.Name} ", StringComparison.Ordinal));
    }

    [Fact]
    public void Root_help_lists_every_verb_with_what_it_does()
    {
        foreach (string[] argv in new string[][] { ["--help"], ["-h"], ["help"] })
        {
            var (code, output, _) = CliRunner.Run(argv);
            Assert.Equal(0, code);
            foreach (var verb in Root.Subcommands)
                Assert.Contains(output.Split('\n'), l => l.StartsWith($"  {verb.Name} ", StringComparison.Ordinal) && l.Contains(verb.Description!, StringComparison.Ordinal));
        }
        // No verb at all: the same list, but as a usage error.
        var bare = CliRunner.Run();
        Assert.Equal(2, bare.Code);
        Assert.All(Root.Subcommands, verb => Assert.Contains($"  {verb.Name} ", bare.Out));
    }

    [Fact]
    public void Help_for_a_verb_can_also_be_asked_as_help_VERB() =>
        Assert.Equal(CliRunner.Run("simulate", "--help").Out, CliRunner.Run("help", "simulate").Out);

    [Theory]
    [MemberData(nameof(RunnableCommands))]
    public void An_unknown_option_exits_2_with_one_line_naming_it(string path)
    {
        var (code, output, error) = CliRunner.Run([.. path.Split(' '), "--no-such-option", "1"]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith($"zkpot {path.Split(' ')[0]}: unknown option --no-such-option", line);
    }

    [Theory]
    [MemberData(nameof(ValuedOptions))]
    public void A_bad_value_exits_2_with_one_line_naming_the_option(string path, string option, string value)
    {
        var (code, output, error) = CliRunner.Run([.. path.Split(' '), option, value]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains($"{option} must be", line);
        Assert.Contains($"'{value}'", line);
    }

    [Theory]
    [InlineData("verify --proof p.json --public q.json", "missing required option --vk")]
    [InlineData("ptau new --out x.ptau --power 3 --power 4", "--power")]
    [InlineData("setup --r1cs a.r1cs --zkey b.zkey extra", "unexpected argument 'extra'")]
    [InlineData("zkey", "missing sub-command")]
    [InlineData("ptau frobnicate", "unknown sub-command 'frobnicate'")]
    [InlineData("no-such-verb", "unknown verb 'no-such-verb'")]
    public void Other_usage_errors_exit_2_with_one_line_naming_the_problem(string argv, string expected)
    {
        var (code, output, error) = CliRunner.Run(argv.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(expected, Assert.Single(error.TrimEnd().Split('\n')));
    }
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Text;
using ZkPot.Cli.Output;

namespace ZkPot.Cli;

/// <summary>
/// What `--help` prints for the command asked about: its usage, what it does, its sub-commands, and every option with
/// its value's name, its description and its default (a value, "required", or the words of an <see cref="IWordedDefault"/>
/// option). On a terminal the descriptions wrap within its width; otherwise each option stays on one line.
/// </summary>
public sealed class HelpText : SynchronousCommandLineAction
{
    const int MaxNameColumn = 34;

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        output.Write(Render(parseResult.CommandResult.Command, Terminal.Of(output).Width));
        return 0;
    }

    /// <summary>The help of <paramref name="command"/>, lines no wider than <paramref name="width"/> where words allow.</summary>
    public static string Render(Command command, int width)
    {
        var text = new StringBuilder();
        string path = PathOf(command);
        bool group = command.Subcommands.Count > 0;
        string noun = command is RootCommand ? "verb" : "sub-command";
        text.Append("Usage: ").Append(path).Append(group ? $" <{noun}>" : "").AppendLine(" [options]").AppendLine();
        if (!string.IsNullOrEmpty(command.Description)) text.AppendLine(command.Description).AppendLine();

        if (group)
        {
            text.AppendLine(command is RootCommand ? "Verbs:" : "Sub-commands:");
            AppendRows(text, command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name, c.Description ?? "")).ToList(), width);
            text.AppendLine().AppendLine($"`{path} {noun.ToUpperInvariant()} --help` lists its options.").AppendLine();
        }
        var options = command.Options.Where(o => !o.Hidden && o is not HelpOption).Select(o => (Label(o), Describe(o))).ToList();
        options.Add(("-h, --help", "show this help"));
        text.AppendLine("Options:");
        AppendRows(text, options, width);
        if (command is RootCommand)
            text.AppendLine().AppendLine("Exit codes: 0 what was asked holds; 1 the thing checked does not hold, or the run failed; 2 bad input (one line on stderr).");
        return text.ToString();
    }

    /// <summary>The option's description followed by its default, the part of its help line the tests hold every option to.</summary>
    public static string Describe(Option option) => $"{option.Description} {DefaultOf(option)}".TrimStart();

    /// <summary>"[default: VALUE]", "[default: WORDS]" or "(required)".</summary>
    public static string DefaultOf(Option option)
    {
        if (option is IWordedDefault worded) return $"[default: {worded.DefaultInWords}]";
        if (option.Required) return "(required)";
        if (option.HasDefaultValue) return $"[default: {Convert.ToString(option.GetDefaultValue(), CultureInfo.InvariantCulture)}]";
        return "";
    }

    static string Label(Option option) =>
        string.Join(", ", option.Aliases.Order().Append(option.Name)) + (option.Arity.MaximumNumberOfValues > 0 ? $" <{option.HelpName ?? "VALUE"}>" : "");

    static string PathOf(Command command) =>
        command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? PathOf(parent) + " " + command.Name : "zkpot";

    /// <summary>Two columns: names padded to one width, descriptions wrapped at word boundaries to fit <paramref name="width"/>.</summary>
    static void AppendRows(StringBuilder text, List<(string Name, string Description)> rows, int width)
    {
        int nameColumn = Math.Min(MaxNameColumn, rows.Max(r => r.Name.Length)) + 4;
        int room = Math.Max(20, width - nameColumn - 1);
        foreach (var (name, description) in rows)
        {
            var lines = Wrap(description, room);
            string first = "  " + name;
            if (first.Length + 2 > nameColumn) text.AppendLine(first).Append(' ', nameColumn);
            else text.Append(first.PadRight(nameColumn));
            text.AppendLine(lines[0]);
            foreach (string line in lines.Skip(1)) text.Append(' ', nameColumn).AppendLine(line);
        }
    }

    static List<string> Wrap(string text, int room)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > room)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return lines;
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ZkPot.Cli;

/// <summary>
/// The kinds of option the verbs take, each with a description and a default that --help shows (a value, the words of
/// a <see cref="WordedDefaultOption{T}"/>, or "required"). A value that does not parse, or lies outside its range or its
/// choices, is a parse error naming the option, so the verb never starts.
/// </summary>
public static class Options
{
    /// <summary>An integer in [min, max], <paramref name="fallback"/> when absent.</summary>
    public static Option<int> Int(string name, string description, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var option = new Option<int>(name) { Description = description + Range(min, max), HelpName = "N", DefaultValueFactory = _ => fallback };
        option.CustomParser = r => r.Tokens.Count == 0 ? fallback : ParseInt(r, name, min, max);
        return option;
    }

    /// <summary>An integer in [min, max] that must be given.</summary>
    public static Option<int> RequiredInt(string name, string description, int min, int max)
    {
        var option = new Option<int>(name) { Description = description + Range(min, max), HelpName = "N", Required = true };
        option.CustomParser = r => ParseInt(r, name, min, max);
        return option;
    }

    /// <summary>An integer in [min, max], or null when absent (what that means in <paramref name="absent"/>).</summary>
    public static Option<int?> OptionalInt(string name, string description, string absent, int min, int max)
    {
        var option = new WordedDefaultOption<int?>(name, absent) { Description = description + Range(min, max), HelpName = "N" };
        option.CustomParser = r => r.Tokens.Count == 0 ? null : ParseInt(r, name, min, max);
        return option;
    }

    /// <summary>A number in [min, max] (or [min, max) when <paramref name="maxExcluded"/>), or null when absent (what that means in <paramref name="absent"/>).</summary>
    public static Option<double?> OptionalNumber(string name, string description, string absent, double min, double max, bool maxExcluded = false)
    {
        string range = $"{Invariant(min)} to {(maxExcluded ? "below " : "")}{Invariant(max)}";
        var option = new WordedDefaultOption<double?>(name, absent) { Description = $"{description} ({range})", HelpName = "X" };
        option.CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return null;
            string text = r.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
                && value >= min && (maxExcluded ? value < max : value <= max))
                return value;
            r.AddError($"{name} must be a number from {range}, got '{text}'");
            return null;
        };
        return option;
    }

    static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A word or path, <paramref name="fallback"/> when absent.</summary>
    public static Option<string> Text(string name, string description, string fallback, string helpName) =>
        new(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => fallback };

    /// <summary>A word or path that must be given.</summary>
    public static Option<string> RequiredText(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName, Required = true };

    /// <summary>A word or path, or null when absent (what that means in <paramref name="absent"/>).</summary>
    public static Option<string?> OptionalText(string name, string description, string absent, string helpName) =>
        new WordedDefaultOption<string?>(name, absent) { Description = description, HelpName = helpName };

    /// <summary>One of <paramref name="choices"/>, <paramref name="fallback"/> when absent.</summary>
    public static Option<string> Choice(string name, string description, string fallback, params string[] choices)
    {
        var option = new Option<string>(name) { Description = description, HelpName = string.Join('|', choices), DefaultValueFactory = _ => fallback };
        option.CustomParser = r => r.Tokens.Count == 0 ? fallback : ParseChoice(r, name, choices);
        return option;
    }

    /// <summary>One of <paramref name="choices"/>, or null when absent (what that means in <paramref name="absent"/>).</summary>
    public static Option<string?> OptionalChoice(string name, string description, string absent, params string[] choices)
    {
        var option = new WordedDefaultOption<string?>(name, absent) { Description = description, HelpName = string.Join('|', choices) };
        option.CustomParser = r => r.Tokens.Count == 0 ? null : ParseChoice(r, name, choices);
        return option;
    }

    /// <summary>A switch: on when given, off when absent.</summary>
    public static Option<bool> Flag(string name, string description) =>
        new WordedDefaultOption<bool>(name, "off") { Description = description, Arity = ArgumentArity.Zero };

    static string Range(int min, int max) => (min, max) switch
    {
        (int.MinValue, int.MaxValue) => "",
        (_, int.MaxValue) => $" (at least {min})",
        _ => $" ({min} to {max})",
    };

    static int ParseInt(ArgumentResult result, string name, int min, int max)
    {
        string text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max) return value;
        result.AddError($"{name} must be an integer in [{min}, {max}], got '{text}'");
        return default;
    }

    static string? ParseChoice(ArgumentResult result, string name, string[] choices)
    {
        string text = result.Tokens[0].Value;
        if (choices.Contains(text, StringComparer.Ordinal)) return text;
        result.AddError($"{name} must be {string.Join(", ", choices[..^1])} or {choices[^1]}, got '{text}'");
        return null;
    }
}

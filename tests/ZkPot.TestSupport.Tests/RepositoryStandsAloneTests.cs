using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ZkPot.TestSupport.Tests;

/// <summary>
/// The repository stands alone: a fresh clone with nothing beside it builds, tests and runs. So no tracked file may
/// name the folder that development machines happen to keep next to the clone, nor compute a path above the root.
/// </summary>
public sealed partial class RepositoryStandsAloneTests
{
    // Built from pieces so that this file does not name what it forbids.
    static readonly string Sibling = "sha" + "red";

    static IReadOnlyList<string> TrackedFiles()
    {
        var info = new ProcessStartInfo("git", ["-C", RepoPaths.Root, "ls-files", "-z"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var git = Process.Start(info)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, "git ls-files failed: " + git.StandardError.ReadToEnd());
        var files = output.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(files);
        return files;
    }

    static IEnumerable<(string Path, string Text)> TextFiles()
    {
        foreach (var relative in TrackedFiles())
        {
            var path = Path.Combine(RepoPaths.Root, relative);
            if (!File.Exists(path) || new FileInfo(path).Length > 4 << 20)
                continue;
            var bytes = File.ReadAllBytes(path);
            if (Array.IndexOf(bytes, (byte)0) >= 0)
                continue;
            yield return (relative, System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public void No_tracked_file_names_a_folder_beside_the_repository()
    {
        var parent = new Regex(@"\.\.[/\\]" + Sibling + @"\b|""\.\.""\s*,\s*""" + Sibling + @"""", RegexOptions.IgnoreCase);
        var offenders = TextFiles().Where(f => parent.IsMatch(f.Text)).Select(f => f.Path).ToList();
        Assert.True(offenders.Count == 0, "files naming ../" + Sibling + ": " + string.Join(", ", offenders));
    }

    [Fact]
    public void No_source_or_script_computes_a_path_above_the_root()
    {
        // The root's parent: the directory name of the root or a combination of it with the parent folder in C#, or the
        // ROOT variable followed by the parent folder in a script (The_guard_catches_what_it_is_for spells them out).
        var above = AboveRoot();
        var offenders = TextFiles()
            .Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal) || f.Path.StartsWith("scripts/", StringComparison.Ordinal) || f.Path.StartsWith(".ci/", StringComparison.Ordinal))
            .Where(f => above.IsMatch(f.Text))
            .Select(f => f.Path).ToList();
        Assert.True(offenders.Count == 0, "files reaching above the repository root: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_guard_catches_what_it_is_for()
    {
        // The same patterns against text that does what the tests above forbid (so they cannot pass vacuously).
        Assert.Matches(new Regex(@"\.\.[/\\]" + Sibling + @"\b", RegexOptions.IgnoreCase), "see ../" + Sibling + "/DESIGN.md");
        Assert.Matches(AboveRoot(), "var p = Path.Combine(RepoPaths.Root, \"..\", \"x\");");
        Assert.Matches(AboveRoot(), "cat \"$" + "ROOT/../x\"");
        Assert.Matches(AboveRoot(), "Path.GetDirectoryName(" + "Root())");
        Assert.DoesNotMatch(AboveRoot(), "Path.Combine(RepoPaths.Root, \"tests\", \"vectors\")");
    }

    [GeneratedRegex(@"Combine\([^)]*Root[^)]*""\.\.""|GetDirectoryName\(\s*(RepoPaths\.)?Root\b|\$\{?ROOT\}?/\.\.")]
    private static partial Regex AboveRoot();
}

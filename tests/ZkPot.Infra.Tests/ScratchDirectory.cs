namespace ZkPot.Infra.Tests;

/// <summary>A temporary folder for broken copies of the infrastructure files; deleted on dispose.</summary>
public sealed class ScratchDirectory : IDisposable
{
    /// <summary>Creates an empty folder under the system temporary folder.</summary>
    public ScratchDirectory() =>
        Path = Directory.CreateTempSubdirectory("zkpot-infra-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Writes TEXT to RELATIVE (creating folders) and returns the full path.</summary>
    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    /// <summary>Copies the folder SOURCE (recursively) to RELATIVE and returns the full path of the copy.</summary>
    public string CopyFolder(string source, string relative)
    {
        var target = System.IO.Path.Combine(Path, relative);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}

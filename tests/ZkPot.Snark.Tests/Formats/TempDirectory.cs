namespace ZkPot.Snark.Tests.Formats;

/// <summary>A fresh folder for files a test writes, removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(PathName);

    public string PathName { get; } = Path.Combine(Path.GetTempPath(), "zkpot-formats-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => Path.Combine(PathName, name);

    /// <summary>Writes bytes to a new file in the folder and returns its path.</summary>
    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(PathName))
            Directory.Delete(PathName, recursive: true);
    }
}

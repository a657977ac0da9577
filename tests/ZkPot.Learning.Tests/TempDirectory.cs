namespace ZkPot.Learning.Tests;

/// <summary>A fresh directory under the system temp path, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zkpot-learning-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string name, byte[] content)
    {
        string file = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(file, content);
        return file;
    }

    /// <summary>Writes a complete small Fashion-MNIST-like directory (gzip files) with the given sizes.</summary>
    public void WriteFashionMnist(int trainCount, int testCount)
    {
        Write("train-images-idx3-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Images(trainCount, 28, 28)));
        Write("train-labels-idx1-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Labels(IdxTestFiles.CyclicLabels(trainCount))));
        Write("t10k-images-idx3-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Images(testCount, 28, 28)));
        Write("t10k-labels-idx1-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Labels(IdxTestFiles.CyclicLabels(testCount))));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the test over it would hide the real result.
        }
    }
}

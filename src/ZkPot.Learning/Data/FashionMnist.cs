namespace ZkPot.Learning;

/// <summary>Loads Fashion-MNIST (60,000 training and 10,000 test images of 28x28, ten clothing classes) from IDX files.</summary>
public static class FashionMnist
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package that provides the files.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    private const string InstallHint =
        "Install the Debian package " + DebianPackage + " (apt-get install -y " + DebianPackage + ") " +
        "or pass the directory that holds the IDX files.";

    /// <summary>
    /// Loads both splits from <paramref name="directory"/> (default <see cref="DefaultDirectory"/>). Each file is
    /// looked up as <c>name.gz</c> first, then plain <c>name</c>.
    /// </summary>
    public static TrainTestSets Load(string? directory = null)
    {
        directory ??= DefaultDirectory;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Fashion-MNIST directory '{directory}' does not exist. {InstallHint}");
        }
        Dataset train = LoadSplit(directory, "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
        Dataset test = LoadSplit(directory, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        return new TrainTestSets(train, test);
    }

    /// <summary>Loads one split from an image file and a label file and checks they agree.</summary>
    public static Dataset LoadSplit(string imagesPath, string labelsPath)
    {
        IdxImages images = IdxReader.ReadImages(imagesPath);
        if (images.Rows != Dataset.ImageSide || images.Columns != Dataset.ImageSide)
        {
            throw new InvalidDataException(
                $"IDX file '{imagesPath}' holds {images.Rows}x{images.Columns} images; Fashion-MNIST images are {Dataset.ImageSide}x{Dataset.ImageSide}.");
        }
        byte[] labels = IdxReader.ReadLabels(labelsPath);
        if (labels.Length != images.Count)
        {
            throw new InvalidDataException(
                $"Image/label count mismatch: '{imagesPath}' has {images.Count} images but '{labelsPath}' has {labels.Length} labels.");
        }
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= Dataset.ClassCount)
            {
                throw new InvalidDataException(
                    $"IDX file '{labelsPath}' is mislabeled: label {labels[i]} at index {i}; expected 0..{Dataset.ClassCount - 1}.");
            }
        }
        var rows = new byte[images.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = images.Pixels.AsSpan(i * Dataset.ImageSize, Dataset.ImageSize).ToArray();
        }
        return Dataset.FromTrusted(rows, labels);
    }

    private static Dataset LoadSplit(string directory, string imagesName, string labelsName) =>
        LoadSplit(Locate(directory, imagesName), Locate(directory, labelsName));

    private static string Locate(string directory, string name)
    {
        string gz = Path.Combine(directory, name + ".gz");
        if (File.Exists(gz))
        {
            return gz;
        }
        string plain = Path.Combine(directory, name);
        if (File.Exists(plain))
        {
            return plain;
        }
        throw new FileNotFoundException($"Fashion-MNIST file '{gz}' (or '{plain}') is missing. {InstallHint}", gz);
    }
}

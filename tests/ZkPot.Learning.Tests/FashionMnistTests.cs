namespace ZkPot.Learning.Tests;

public class FashionMnistTests
{
    [Fact]
    public void Load_reads_both_splits_of_a_generated_directory()
    {
        using var dir = new TempDirectory();
        dir.WriteFashionMnist(trainCount: 25, testCount: 7);

        TrainTestSets sets = FashionMnist.Load(dir.Path);

        Assert.Equal(25, sets.Train.Count);
        Assert.Equal(7, sets.Test.Count);
        Assert.Equal(IdxTestFiles.CyclicLabels(25), sets.Train.Labels.ToArray());
        Assert.Equal(IdxTestFiles.PixelAt(784 + 5), sets.Train.Image(1)[5]);
        Assert.Equal(784, sets.Test.Image(6).Length);
    }

    [Fact]
    public void Load_accepts_uncompressed_files()
    {
        using var dir = new TempDirectory();
        dir.Write("train-images-idx3-ubyte", IdxTestFiles.Images(3, 28, 28));
        dir.Write("train-labels-idx1-ubyte", IdxTestFiles.Labels([0, 1, 2]));
        dir.Write("t10k-images-idx3-ubyte", IdxTestFiles.Images(2, 28, 28));
        dir.Write("t10k-labels-idx1-ubyte", IdxTestFiles.Labels([9, 8]));

        TrainTestSets sets = FashionMnist.Load(dir.Path);

        Assert.Equal(3, sets.Train.Count);
        Assert.Equal(8, sets.Test.Label(1));
    }

    [Fact]
    public void Load_of_missing_directory_names_the_debian_package()
    {
        string missing = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zkpot-no-such-dir-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(missing));

        Assert.Contains(missing, e.Message);
        Assert.Contains("dataset-fashion-mnist", e.Message);
        Assert.Contains("apt-get install -y dataset-fashion-mnist", e.Message);
    }

    [Fact]
    public void Load_of_directory_without_the_files_names_the_file_and_the_package()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(dir.Path));

        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains("apt-get install -y dataset-fashion-mnist", e.Message);
    }

    [Fact]
    public void Load_rejects_image_and_label_count_mismatch_naming_both_files()
    {
        using var dir = new TempDirectory();
        dir.WriteFashionMnist(trainCount: 5, testCount: 4);
        dir.Write("t10k-labels-idx1-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Labels(IdxTestFiles.CyclicLabels(3))));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));

        Assert.Contains("count mismatch", e.Message);
        Assert.Contains("t10k-images-idx3-ubyte.gz' has 4 images", e.Message);
        Assert.Contains("t10k-labels-idx1-ubyte.gz' has 3 labels", e.Message);
    }

    [Fact]
    public void Load_rejects_label_10_as_mislabeled_with_its_index()
    {
        using var dir = new TempDirectory();
        dir.WriteFashionMnist(trainCount: 6, testCount: 2);
        dir.Write("train-labels-idx1-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Labels([0, 1, 2, 3, 10, 5])));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));

        Assert.Contains("mislabeled", e.Message);
        Assert.Contains("train-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("label 10 at index 4", e.Message);
    }

    [Fact]
    public void Load_rejects_images_that_are_not_28_by_28()
    {
        using var dir = new TempDirectory();
        dir.WriteFashionMnist(trainCount: 2, testCount: 2);
        dir.Write("train-images-idx3-ubyte.gz", IdxTestFiles.Gzip(IdxTestFiles.Images(2, 32, 32)));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(dir.Path));

        Assert.Contains("32x32", e.Message);
    }
}

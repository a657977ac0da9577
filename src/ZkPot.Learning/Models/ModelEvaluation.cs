namespace ZkPot.Learning;

/// <summary>Accuracy of float models on a dataset.</summary>
public static class ModelEvaluation
{
    /// <summary>Number of samples whose predicted class equals the label.</summary>
    public static int CountCorrect(this IFloatModel model, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            if (model.Predict(data.Image(i)) == data.Label(i))
            {
                correct++;
            }
        }
        return correct;
    }

    /// <summary>Fraction of samples classified correctly (0 for an empty dataset).</summary>
    public static double Accuracy(this IFloatModel model, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Count == 0 ? 0 : (double)model.CountCorrect(data) / data.Count;
    }
}

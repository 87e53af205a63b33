namespace PrimeFunctions.Api;

/// <summary>Text files embedded in the app's assembly (the OpenAPI document, the dashboard), read by logical name.</summary>
public static class EmbeddedText
{
    public static string Read(string resourceName)
    {
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The resource '{resourceName}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

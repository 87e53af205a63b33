using System.Text.Json;

namespace PrimeFunctions;

internal sealed partial class PrimesJsonContext
{
    /// <summary>
    /// Makes <paramref name="options"/> — ASP.NET Core's, which every handler's result is written with — take this
    /// context's metadata and time converters first. Types the framework writes itself (problem details) still resolve.
    /// </summary>
    public static void AddTo(JsonSerializerOptions options)
    {
        options.TypeInfoResolverChain.Insert(0, Default);
        foreach (var converter in Default.Options.Converters)
        {
            options.Converters.Add(converter);
        }
    }
}

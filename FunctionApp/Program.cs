using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrimeFunctions;
using PrimeFunctions.Api;
using PrimeFunctions.Functions;
using PrimeFunctions.Orchestration;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<UnhandledErrorMiddleware>();
builder.UseMiddleware<CrossSiteRequestMiddleware>();
builder.UseMiddleware<ConditionalRequestMiddleware>();
builder.Services.AddPrimeFunctions(builder.Configuration);
builder.Services.AddSingleton<IManagementUrls, FunctionsManagementUrls>();
// Durable values are written with the shared context's metadata. The worker binds more with this serializer — the
// timer's TimerInfo, from a package the app does not reference — and those types alone fall back to reflection.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(new JsonSerializerOptions(DurableJson.Options)
{
    TypeInfoResolver = JsonTypeInfoResolver.Combine(DurableJson.Options.TypeInfoResolver, new DefaultJsonTypeInfoResolver()),
}));
builder.Build().Run();

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
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(DurableJson.Options));
builder.Build().Run();

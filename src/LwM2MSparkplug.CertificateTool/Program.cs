using LwM2MSparkplug.CertificateTool;

return CertificateToolCommand.Run(args, Console.Out, Console.Error);

"""Plan + Layout → PDF. Only this package imports ReportLab."""

"""Read side: parameterised SQL over the listings database, returning pandas DataFrames."""

"""The public portal's shell: the home page that later apps fill with their columns."""

from django.shortcuts import render


def home(request):
    return render(request, "public/home.html")

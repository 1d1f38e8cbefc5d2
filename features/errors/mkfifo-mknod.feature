@errno @mechanism:fifo
Feature: How mkfifo(3), mkfifoat(3), mknod(2) and mknodat(2) fail
  Every reachable ERRORS entry, checked on this host; features/errors/inventory/pipes-fifos.yaml
  lists them all, with the reasons for the others and where Linux departs from the page.

  @call:mkfifo
  Scenario Outline: mkfifo: <condition> fails with <errno>
    When mkfifo is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                           | errno        |
      | a directory of the path does not allow search       | EACCES       |
      | the path already exists                             | EEXIST       |
      | the path is a dangling symbolic link                | EEXIST       |
      | the path is longer than PATH_MAX                    | ENAMETOOLONG |
      | a component of the path is longer than NAME_MAX     | ENAMETOOLONG |
      | a directory of the path does not exist              | ENOENT       |
      | a directory of the path is a dangling symbolic link | ENOENT       |
      | a component used as a directory is not a directory  | ENOTDIR      |

  @call:mkfifoat
  Scenario Outline: mkfifoat: <condition> fails with <errno>
    When mkfifoat is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                | errno   |
      | the path is relative and dirfd is not a valid descriptor | EBADF   |
      | the path is relative and dirfd is not a directory        | ENOTDIR |

  @call:mknod
  Scenario Outline: mknod: <condition> fails with <errno>
    When mknod is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                      | errno        |
      | the parent directory does not allow writing                    | EACCES       |
      | a directory of the path does not allow search                  | EACCES       |
      | the path already exists                                        | EEXIST       |
      | the path is a dangling symbolic link                           | EEXIST       |
      | the path is not a valid address                                | EFAULT       |
      | the mode names no file type the kernel knows                   | EINVAL       |
      | the path has a symbolic link loop                              | ELOOP        |
      | the path is too long                                           | ENAMETOOLONG |
      | a directory of the path does not exist                         | ENOENT       |
      | a directory of the path is a dangling symbolic link            | ENOENT       |
      | a component used as a directory is not a directory             | ENOTDIR      |
      | the mode asks for a device node and the caller lacks CAP_MKNOD | EPERM        |
      | the file system does not support the node type                 | EPERM        |
      | the mode asks for a directory                                  | EPERM        |

  @call:mknodat
  Scenario Outline: mknodat: <condition> fails with <errno>
    When mknodat is called where <condition>
    Then the call fails with <errno>

    Examples:
      | condition                                                | errno   |
      | the path is relative and dirfd is not a valid descriptor | EBADF   |
      | the path is relative and dirfd is not a directory        | ENOTDIR |
